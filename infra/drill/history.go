package drill

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/cds-snc/notification-pulumi/infra"
)

// HistoryEntry is one drill in the history (<state>/drills/history.jsonl, one JSON object a
// line, kept beside the local backend; CI keeps the state folder's drills/ as an artifact).
type HistoryEntry struct {
	Name                string      `json:"name"`
	From                string      `json:"from"`
	Cloud               infra.Cloud `json:"cloud"`
	LatencyFactor       float64     `json:"latencyFactor,omitempty"`
	Start               time.Time   `json:"start"`
	Status              string      `json:"status"`
	Seconds             float64     `json:"seconds"`
	RecoverySeconds     float64     `json:"recoverySeconds"`
	ProjectedAWSSeconds float64     `json:"projectedAwsSeconds,omitempty"`
	DeploySeconds       float64     `json:"deploySeconds"`
	CriticalPathSeconds float64     `json:"criticalPathSeconds"`
	Ratio               float64     `json:"ratio"`
	EstimateError       float64     `json:"estimateError,omitempty"`
	Resources           int         `json:"resources"`
	RTOMinutes          int         `json:"rtoMinutes"`
	MetRTO              bool        `json:"metRto"`
}

// Entry is the report's line in the history.
func (r *Report) Entry() HistoryEntry {
	e := HistoryEntry{Name: r.Name, From: r.From, Cloud: r.Cloud, LatencyFactor: r.LatencyFactor, Start: r.Start,
		Status: r.Status, Seconds: r.Seconds, RecoverySeconds: r.RecoverySeconds, ProjectedAWSSeconds: r.ProjectedAWSSeconds,
		Resources: r.Resources, RTOMinutes: r.RTOMinutes, MetRTO: r.MetRTO}
	if r.Deploy != nil {
		e.DeploySeconds, e.CriticalPathSeconds, e.Ratio = r.Deploy.Seconds, r.Deploy.CriticalPathSeconds, r.Deploy.Ratio
		e.EstimateError = r.EstimateError
	}
	return e
}

func historyFile(stateDir string) string { return filepath.Join(stateDir, "drills", "history.jsonl") }

func appendHistory(stateDir string, e HistoryEntry) error {
	if err := os.MkdirAll(filepath.Dir(historyFile(stateDir)), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(historyFile(stateDir), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	data, err := json.Marshal(e)
	if err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(append(data, '\n')); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// ReadHistory reads the drills' history, oldest first (empty when there is none).
func ReadHistory(stateDir string) ([]HistoryEntry, error) {
	f, err := os.Open(historyFile(stateDir))
	if errors.Is(err, os.ErrNotExist) {
		return []HistoryEntry{}, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := []HistoryEntry{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var e HistoryEntry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return nil, fmt.Errorf("%s line %d: %w", historyFile(stateDir), n, err)
		}
		out = append(out, e)
	}
	return out, sc.Err()
}
