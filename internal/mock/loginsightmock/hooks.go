package loginsightmock

import (
	"errors"
	"fmt"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// clusterState is the JSON view served by GET /_mock/state.
type clusterState struct {
	SessionTTL            mock.Duration `json:"session_ttl"`
	ExpiredStatus         int           `json:"expired_status"`
	ExpireSessionsAfter   int           `json:"expire_sessions_after"` // 0 = off
	StartDelay            mock.Duration `json:"start_delay"`
	WaitTimeout           mock.Duration `json:"wait_timeout"`
	WaitFailures          int           `json:"wait_failures"`
	WaitFailMode          FailMode      `json:"wait_fail_mode"`
	RepeatJoinSameTicket  bool          `json:"repeat_join_same_ticket"`
	DistinctIDs           bool          `json:"distinct_ids"`
	Release               string        `json:"release"`
	SpecOnly              bool          `json:"spec_only"`
	EmptyObjectAnswers    bool          `json:"empty_object_answers"`
	UnreachableNTPServers []string      `json:"unreachable_ntp_servers"`
	Logins                int           `json:"logins"`
	LoginFailures         int           `json:"login_failures"`
	LiveSessions          int           `json:"live_sessions"`
	WaitUntilStartedCalls int           `json:"wait_until_started_calls"`
	Bootstraps            int           `json:"bootstraps"`
	TimeConfigs           int           `json:"time_configs"`
	TimeTests             int           `json:"time_tests"`
	SpecRefusals          []SpecRefusal `json:"spec_refusals"` // requests VMware's v2 spec does not declare
	HeldWaits             int           `json:"held_waits"`
	Approvals             []Approval    `json:"approvals"`
	Members               []string      `json:"members"` // node tokens of the served master's cluster
	Nodes                 []NodeInfo    `json:"nodes"`
}

// knobs is the body of POST /_mock/state; absent fields stay unchanged. The
// per-node knobs (trusts_master, full_version) apply to Node, a listener
// host:port or node token, by default the node receiving the request.
type knobs struct {
	Node                 *string        `json:"node"`
	TrustsMaster         *bool          `json:"trusts_master"`
	FullVersion          *string        `json:"full_version"`
	SessionTTL           *mock.Duration `json:"session_ttl"`
	ExpiredStatus        *int           `json:"expired_status"`
	ExpireSessionsAfter  *int           `json:"expire_sessions_after"` // 0 expires every session now
	StartDelay           *mock.Duration `json:"start_delay"`
	WaitTimeout          *mock.Duration `json:"wait_timeout"`
	WaitFailures         *int           `json:"wait_failures"`
	WaitFailMode         *FailMode      `json:"wait_fail_mode"`
	RepeatJoinSameTicket *bool          `json:"repeat_join_same_ticket"`
	DistinctIDs          *bool          `json:"distinct_ids"`
	Release              *string        `json:"release"` // "" or "9.1"
	SpecOnly             *bool          `json:"spec_only"`
	EmptyObjectAnswers   *bool          `json:"empty_object_answers"`
	UnreachableNTP       *[]string      `json:"unreachable_ntp_servers"`
}

// nodeRef is the body of POST /_mock/remove-node.
type nodeRef struct {
	Node string `json:"node"`
}

// timeRef is the body of POST /_mock/time-config: the time settings of Node's cluster
// (a listener host:port or node token, by default the node receiving the request), as
// changed in the UI.
type timeRef struct {
	Node          string   `json:"node"`
	TimeReference string   `json:"time_reference"`
	NTPServers    []string `json:"ntp_servers"`
}

// bootstrapRef is the body of POST /_mock/bootstrap-node.
type bootstrapRef struct {
	Node     string `json:"node"`
	User     string `json:"user"`
	Password string `json:"password"`
}

// hooks registers the node's /_mock/ hooks.
func (h nodeHandler) hooks(rt *mock.Router) {
	mock.StateHooks(rt, h.c.state, h.apply)
	rt.Hook("POST expire-sessions", mock.ActionHook(h.c.ExpireSessions))
	rt.Hook("POST remove-node", mock.BodyHook(func(ref nodeRef) error {
		if ref.Node == "" {
			ref.Node = h.host()
		}
		return h.c.RemoveNode(ref.Node)
	}, h.c.state))
	rt.Hook("POST bootstrap-node", mock.BodyHook(func(ref bootstrapRef) error {
		if ref.Node == "" {
			ref.Node = h.host()
		}
		return h.c.Bootstrap(ref.Node, ref.User, ref.Password)
	}, h.c.state))
	rt.Hook("POST time-config", mock.BodyHook(func(ref timeRef) error {
		if ref.Node == "" {
			ref.Node = h.host()
		}
		return h.c.SetTimeConfig(ref.Node, ref.TimeReference, ref.NTPServers)
	}, h.c.state))
}

func (h nodeHandler) host() string {
	h.c.mu.Lock()
	defer h.c.mu.Unlock()
	return h.n.host
}

// apply checks every knob before it sets any, so a bad body changes nothing.
func (h nodeHandler) apply(k knobs) error {
	c := h.c
	ref := h.host()
	if k.Node != nil {
		ref = *k.Node
	}
	if _, ok := c.Node(ref); !ok && (k.Node != nil || k.TrustsMaster != nil || k.FullVersion != nil) {
		return fmt.Errorf("no node %q", ref)
	}
	if k.ExpiredStatus != nil && *k.ExpiredStatus != 401 && *k.ExpiredStatus != 440 {
		return errors.New("expired_status must be 401 or 440")
	}
	if k.WaitFailMode != nil {
		if err := k.WaitFailMode.validate(); err != nil {
			return err
		}
	}
	if k.Release != nil {
		if err := validRelease(*k.Release); err != nil {
			return err
		}
	}
	if k.FullVersion != nil && *k.FullVersion == "" {
		return errors.New("full_version is empty")
	}
	for name, d := range map[string]*mock.Duration{"session_ttl": k.SessionTTL, "start_delay": k.StartDelay, "wait_timeout": k.WaitTimeout} {
		if d != nil && *d < 0 {
			return fmt.Errorf("%s is negative", name)
		}
	}
	if (k.WaitFailures != nil && *k.WaitFailures < 0) || (k.ExpireSessionsAfter != nil && *k.ExpireSessionsAfter < 0) {
		return errors.New("counts must not be negative")
	}

	mock.SetIf(k.TrustsMaster, func(v bool) { _ = c.SetTrustsMaster(ref, v) })
	mock.SetIf(k.FullVersion, func(v string) { _ = c.SetFullVersion(ref, v) })
	mock.SetIf(k.SessionTTL, func(v mock.Duration) { c.SetSessionTTL(time.Duration(v)) })
	mock.SetIf(k.ExpiredStatus, func(v int) { _ = c.SetExpiredStatus(v) })
	mock.SetIf(k.ExpireSessionsAfter, c.ExpireSessionsAfter)
	mock.SetIf(k.StartDelay, func(v mock.Duration) { c.SetStartDelay(time.Duration(v)) })
	mock.SetIf(k.WaitTimeout, func(v mock.Duration) { c.SetWaitTimeout(time.Duration(v)) })
	mock.SetIf(k.RepeatJoinSameTicket, c.SetRepeatJoinSameTicket)
	mock.SetIf(k.DistinctIDs, c.SetDistinctIDs)
	mock.SetIf(k.Release, func(v string) { _ = c.SetRelease(v) })
	mock.SetIf(k.SpecOnly, c.SetSpecOnly)
	mock.SetIf(k.EmptyObjectAnswers, c.SetEmptyObjectAnswers)
	mock.SetIf(k.UnreachableNTP, c.SetUnreachableNTPServers)
	if k.WaitFailures != nil || k.WaitFailMode != nil {
		c.mu.Lock()
		mock.SetIf(k.WaitFailures, func(v int) { c.waitFailures = v })
		mock.SetIf(k.WaitFailMode, func(v FailMode) { c.waitFailMode = v })
		c.mu.Unlock()
	}
	return nil
}

func (c *Cluster) state() clusterState {
	members := c.Members()
	nodes := c.Nodes()
	c.mu.Lock()
	defer c.mu.Unlock()
	st := clusterState{
		SessionTTL:            mock.Duration(c.sessionTTL),
		ExpiredStatus:         c.expiredStatus,
		ExpireSessionsAfter:   c.expireAfter,
		StartDelay:            mock.Duration(c.startDelay),
		WaitTimeout:           mock.Duration(c.waitTimeout),
		WaitFailures:          c.waitFailures,
		WaitFailMode:          c.waitFailMode,
		RepeatJoinSameTicket:  c.repeatJoinSameTicket,
		DistinctIDs:           c.distinctIDs,
		Release:               c.release,
		SpecOnly:              c.specOnlyNodes,
		EmptyObjectAnswers:    c.emptyObjectAnswers,
		UnreachableNTPServers: append([]string{}, c.unreachableNTP...),
		Logins:                c.logins,
		LoginFailures:         c.loginFailures,
		LiveSessions:          c.liveSessions(),
		WaitUntilStartedCalls: c.waitCalls,
		Bootstraps:            c.bootstraps,
		TimeConfigs:           c.timeConfigs,
		TimeTests:             c.timeTests,
		SpecRefusals:          append([]SpecRefusal{}, c.specRefusals...),
		HeldWaits:             c.holding,
		Approvals:             append([]Approval{}, c.approvals...),
		Members:               []string{},
		Nodes:                 nodes,
	}
	for _, m := range members {
		st.Members = append(st.Members, m.Token)
	}
	return st
}
