package prcomment

import "strings"

// MaxCommentChars is GitHub's limit on a comment's body. Sizes are counted in bytes, never
// fewer than GitHub's characters, so a part within the limit is accepted.
const MaxCommentChars = 65536

// block is a run of items the splitter may cut between: plain Markdown (open and close empty)
// or a <details> element, closed at the end of a part and opened again (reopen) in the next.
type block struct {
	open, reopen, close string
	items               []item
}

// item is the unit the splitter keeps whole when it can: Markdown text, or a code block (fence,
// info string and lines) that is closed and opened again when it must span two parts.
type item struct {
	text  string
	code  bool
	lang  string
	lines []string
}

func textItem(s string) item { return item{text: s} }

func codeItem(lang string, lines []string) item { return item{code: true, lang: lang, lines: lines} }

// fence is a code fence longer than any run of backticks in the lines.
func (it item) fence() string {
	longest := 0
	for _, l := range it.lines {
		run := 0
		for _, r := range l {
			if r == '`' {
				run++
				longest = max(longest, run)
			} else {
				run = 0
			}
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}

func (it item) size() int {
	if !it.code {
		return len(it.text)
	}
	n := 2*len(it.fence()) + len(it.lang) + 3
	for _, l := range it.lines {
		n += len(l) + 1
	}
	return n
}

// splitter fills parts of at most limit bytes, each leaving room for its header.
type splitter struct {
	limit, reserve int
	parts          []*strings.Builder
}

func (s *splitter) cur() *strings.Builder {
	if len(s.parts) == 0 {
		s.next()
	}
	return s.parts[len(s.parts)-1]
}

func (s *splitter) next() { s.parts = append(s.parts, &strings.Builder{}) }

func (s *splitter) room() int { return s.limit - s.reserve - s.cur().Len() }

// split lays the blocks out in parts: an item goes whole into the current part when it fits,
// else into a new part; only an item larger than a whole part is cut, a code block between
// lines (closing and reopening its fence), a line or a text where it must.
func split(blocks []block, limit, reserve int) []string {
	s := &splitter{limit: limit, reserve: reserve}
	for _, b := range blocks {
		s.block(b)
	}
	out := make([]string, len(s.parts))
	for i, p := range s.parts {
		out[i] = p.String()
	}
	return out
}

func (s *splitter) block(b block) {
	open := false
	opening := func(cont bool) string {
		if cont && b.reopen != "" {
			return b.reopen
		}
		return b.open
	}
	for i, it := range b.items {
		head := ""
		if !open {
			head = opening(i > 0)
		}
		if len(head)+it.size()+len(b.close) <= s.room() {
			s.cur().WriteString(head)
			s.write(it)
			open = true
			continue
		}
		if s.cur().Len() > 0 {
			if open {
				s.cur().WriteString(b.close)
			}
			s.next()
			head = opening(i > 0)
		}
		s.cur().WriteString(head)
		open = true
		if it.size()+len(b.close) <= s.room() {
			s.write(it)
			continue
		}
		s.cut(it, b, opening(true))
	}
	if open {
		s.cur().WriteString(b.close)
	}
}

func (s *splitter) write(it item) {
	if !it.code {
		s.cur().WriteString(it.text)
		return
	}
	f := it.fence()
	s.cur().WriteString(f + it.lang + "\n")
	for _, l := range it.lines {
		s.cur().WriteString(l + "\n")
	}
	s.cur().WriteString(f + "\n\n")
}

// cut writes an item larger than what is left of a fresh part across parts.
func (s *splitter) cut(it item, b block, reopen string) {
	if !it.code {
		rest := it.text
		for rest != "" {
			n := min(len(rest), max(1, s.room()-len(b.close)))
			n = runeStart(rest, n)
			s.cur().WriteString(rest[:n])
			rest = rest[n:]
			if rest != "" {
				s.cur().WriteString(b.close)
				s.next()
				s.cur().WriteString(reopen)
			}
		}
		return
	}
	f := it.fence()
	closing := f + "\n\n" + b.close
	s.cur().WriteString(f + it.lang + "\n")
	for _, l := range it.lines {
		for {
			if len(l)+1+len(closing) <= s.room() {
				s.cur().WriteString(l + "\n")
				break
			}
			fresh := s.limit - s.reserve - len(reopen) - len(f+it.lang+"\n")
			if len(l)+1+len(closing) > fresh && s.room()-1-len(closing) >= 1 {
				// A line longer than a part: what fits here, the rest in the next part.
				n := runeStart(l, max(1, s.room()-1-len(closing)))
				s.cur().WriteString(l[:n] + "\n")
				l = l[n:]
			}
			s.cur().WriteString(closing)
			s.next()
			s.cur().WriteString(reopen + f + it.lang + "\n")
		}
	}
	s.cur().WriteString(f + "\n\n")
}

// runeStart moves n back to the start of a UTF-8 character, so a cut never splits one.
func runeStart(s string, n int) int {
	if n >= len(s) {
		return len(s)
	}
	for n > 1 && s[n]&0xC0 == 0x80 {
		n--
	}
	return n
}
