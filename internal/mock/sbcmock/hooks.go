package sbcmock

import (
	"slices"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// pairState is the JSON view of the pair served by GET /_mock/state.
type pairState struct {
	HAConfigured             bool          `json:"ha_configured"`
	Active                   string        `json:"active"`
	SwitchoverPending        bool          `json:"switchover_pending"`
	SwitchoverCount          int           `json:"switchover_count"`
	AcceptedSwitchovers      int           `json:"accepted_switchovers"`
	NeverSwap                bool          `json:"never_swap"`
	AcceptOnStandby          bool          `json:"accept_on_standby"`
	ExpireTokensOnSwitchover bool          `json:"expire_tokens_on_switchover"`
	VersionsNeedToken        bool          `json:"versions_need_token"`
	TransitionalRoles        bool          `json:"transitional_roles"`
	TokenLifetime            mock.Duration `json:"token_lifetime"`
	SwitchoverDelay          mock.Duration `json:"switchover_delay"`
	Units                    []unitView    `json:"units"`
}

type unitView struct {
	Unit         string   `json:"unit"`
	HostName     string   `json:"host_name"`
	Release      string   `json:"release"`
	Versions     []string `json:"versions"`
	Role         string   `json:"role"`
	ReportedRole string   `json:"reported_role"`
	Health       int      `json:"health"`
	Synced       bool     `json:"synced"`
	OutOfService bool     `json:"out_of_service"`
}

// knobs is the body of POST /_mock/state; absent fields stay unchanged. The
// per-unit knobs apply to Unit ("A" or "B"), by default the unit receiving it.
type knobs struct {
	Unit                     *string        `json:"unit"`
	Release                  *string        `json:"release"`
	Health                   *int           `json:"health"`
	Synced                   *bool          `json:"synced"`
	OutOfService             *bool          `json:"out_of_service"`
	HAConfigured             *bool          `json:"ha_configured"`
	NeverSwap                *bool          `json:"never_swap"`
	AcceptOnStandby          *bool          `json:"accept_on_standby"`
	ExpireTokensOnSwitchover *bool          `json:"expire_tokens_on_switchover"`
	VersionsNeedToken        *bool          `json:"versions_need_token"`
	TransitionalRoles        *bool          `json:"transitional_roles"`
	ReportedRole             *string        `json:"reported_role"`
	TokenLifetime            *mock.Duration `json:"token_lifetime"`
	SwitchoverDelay          *mock.Duration `json:"switchover_delay"`
}

// hooks registers the unit's /_mock/ hooks.
func (h unitHandler) hooks(rt *mock.Router) {
	mock.StateHooks(rt, h.p.state, h.apply)
	rt.Hook("POST expire-tokens", mock.ActionHook(func() { h.p.ExpireTokens(h.u) }))
}

func (h unitHandler) apply(k knobs) error {
	u, err := unitNames.Target(k.Unit, h.u)
	if err != nil {
		return err
	}
	p := h.p
	if k.Release != nil {
		if err := p.SetRelease(u, *k.Release); err != nil {
			return err
		}
	}
	mock.SetIf(k.Health, func(v int) { p.SetHealth(u, v) })
	mock.SetIf(k.Synced, func(v bool) { p.SetSynced(u, v) })
	mock.SetIf(k.OutOfService, func(v bool) { p.SetOutOfService(u, v) })
	mock.SetIf(k.HAConfigured, p.SetHAConfigured)
	mock.SetIf(k.NeverSwap, p.SetNeverSwap)
	mock.SetIf(k.AcceptOnStandby, p.SetAcceptOnStandby)
	mock.SetIf(k.ExpireTokensOnSwitchover, p.SetExpireTokensOnSwitchover)
	mock.SetIf(k.VersionsNeedToken, p.SetVersionsNeedToken)
	mock.SetIf(k.TransitionalRoles, p.SetTransitionalRoles)
	mock.SetIf(k.ReportedRole, func(v string) { p.SetReportedRole(u, v) })
	mock.SetIf(k.TokenLifetime, func(v mock.Duration) { p.SetTokenLifetime(time.Duration(v)) })
	mock.SetIf(k.SwitchoverDelay, func(v mock.Duration) { p.SetSwitchoverDelay(time.Duration(v)) })
	return nil
}

func (p *Pair) state() pairState {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.settle()
	st := pairState{
		HAConfigured:             p.haConfigured,
		Active:                   p.active.String(),
		SwitchoverPending:        p.pending != nil,
		SwitchoverCount:          p.switchovers,
		AcceptedSwitchovers:      p.accepted,
		NeverSwap:                p.neverSwap,
		AcceptOnStandby:          p.acceptOnStandby,
		ExpireTokensOnSwitchover: p.expireOnSwitch,
		VersionsNeedToken:        p.versionsToken,
		TransitionalRoles:        p.transitional,
		TokenLifetime:            mock.Duration(p.tokenLifetime),
		SwitchoverDelay:          mock.Duration(p.switchoverDelay),
	}
	for _, u := range []Unit{UnitA, UnitB} {
		us := p.units[u]
		st.Units = append(st.Units, unitView{
			Unit:         u.String(),
			HostName:     p.hosts[u],
			Release:      us.release,
			Versions:     slices.Clone(us.versions),
			Role:         p.reportedRole(u),
			ReportedRole: us.reportedRole,
			Health:       us.health,
			Synced:       us.synced,
			OutOfService: us.outOfService,
		})
	}
	return st
}
