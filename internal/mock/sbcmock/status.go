package sbcmock

import "time"

// logTimeLayout matches the documented example "2018-09-05T08:41:55.0-0400".
const logTimeLayout = "2006-01-02T15:04:05.0-0700"

// systemStatus is the data of GET system/status (sbc.md section 5).
type systemStatus struct {
	HostName           string `xml:"hostName"`
	UpTime             int64  `xml:"upTime"`
	SystemState        string `xml:"systemState"`
	Role               string `xml:"role"`
	HealthScorePercent int    `xml:"healthScorePercent"`
	*haStatus
}

// haStatus is present only when HA is configured.
type haStatus struct {
	PeerName           string       `xml:"haPeerName"`
	PeerRole           string       `xml:"haPeerRole"`
	HealthScorePercent int          `xml:"haHealthScorePercent"`
	Sockets            int          `xml:"haSockets"`
	SwitchOvers        int          `xml:"haSwitchOvers"`
	SyncState          []component  `xml:"haSyncState>component"`
	SwitchOverLogs     []switchOver `xml:"switchOverLogs>switchOver"`
}

type component struct {
	Name  string `xml:"name"`
	State string `xml:"state"`
}

type switchOver struct {
	Time     string `xml:"time"`
	OldState string `xml:"oldState"`
	NewState string `xml:"newState"`
	Info     string `xml:"info"`
}

// syncComponents are the HA synchronisation components each unit reports.
var syncComponents = []string{"config", "signaling", "media"}

func (p *Pair) status(u Unit) systemStatus {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.settle()
	me := p.units[u]
	st := systemStatus{
		HostName:           p.hosts[u],
		UpTime:             int64(p.clock.Now().Sub(p.booted) / time.Second),
		SystemState:        "online",
		Role:               p.reportedRole(u),
		HealthScorePercent: me.health,
	}
	if !p.haConfigured {
		return st
	}
	peer := u.other()
	// Synchronisation is the standby's: both units report whether it is in sync.
	synced := "false"
	if p.units[p.active.other()].synced {
		synced = "true"
	}
	ha := &haStatus{
		PeerName:           p.hosts[peer],
		PeerRole:           p.reportedRole(peer),
		HealthScorePercent: p.units[peer].health,
		Sockets:            2,
		SwitchOvers:        p.switchovers,
	}
	for _, name := range syncComponents {
		ha.SyncState = append(ha.SyncState, component{Name: name, State: synced})
	}
	for _, e := range me.logs {
		ha.SwitchOverLogs = append(ha.SwitchOverLogs, switchOver{
			Time:     e.time.Format(logTimeLayout),
			OldState: e.oldState,
			NewState: e.newState,
			Info:     e.info,
		})
	}
	st.haStatus = ha
	return st
}
