package ftdmock

import (
	"errors"
	"net/http"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// stateView is the JSON view of both units served by GET /_mock/state.
type stateView struct {
	Timings              timingsView   `json:"timings"`
	AccessTokenLifetime  mock.Duration `json:"access_token_lifetime"`
	RefreshTokenLifetime mock.Duration `json:"refresh_token_lifetime"`
	ExpiryStatus         int           `json:"expiry_status"`
	JoinOutage           outageView    `json:"join_outage"`
	Formed               bool          `json:"formed"`
	Active               *string       `json:"active"` // unit name once the pair is ACTIVE/STANDBY
	FailoverPending      bool          `json:"failover_pending"`
	Failovers            int           `json:"failovers"`
	OutsideBreaks        int           `json:"outside_breaks"`
	Units                []unitView    `json:"units"`
}

type timingsView struct {
	JobQueued     mock.Duration `json:"job_queued"`
	JobDeploying  mock.Duration `json:"job_deploying"`
	Negotiation   mock.Duration `json:"negotiation"`
	Sync          mock.Duration `json:"sync"`
	FailoverDelay mock.Duration `json:"failover_delay"`
}

type outageView struct {
	Duration mock.Duration `json:"duration"`
	Drop     bool          `json:"drop"`
}

type unitView struct {
	Unit            string          `json:"unit"`
	HostName        string          `json:"host_name"`
	HAStatus        HAStatus        `json:"ha_status"`
	HAConfiguration HAConfiguration `json:"ha_configuration"`
	Jobs            []Job           `json:"jobs"`
	PendingChanges  bool            `json:"pending_changes"`
	Tokens          TokenStats      `json:"tokens"`
	FailNext        map[Op]Failure  `json:"fail_next"`
}

// knobs is the body of POST /_mock/state; absent fields stay unchanged. The
// per-unit knob (pending_changes) applies to Unit, by default the unit
// receiving the request.
type knobs struct {
	Unit                 *string        `json:"unit"`
	JobQueued            *mock.Duration `json:"job_queued"`
	JobDeploying         *mock.Duration `json:"job_deploying"`
	Negotiation          *mock.Duration `json:"negotiation"`
	Sync                 *mock.Duration `json:"sync"`
	FailoverDelay        *mock.Duration `json:"failover_delay"`
	AccessTokenLifetime  *mock.Duration `json:"access_token_lifetime"`
	RefreshTokenLifetime *mock.Duration `json:"refresh_token_lifetime"`
	ExpiryStatus         *int           `json:"expiry_status"`
	JoinOutage           *outageView    `json:"join_outage"`
	PendingChanges       *bool          `json:"pending_changes"`
}

// failNextKnob is the body of POST /_mock/fail-next.
type failNextKnob struct {
	Unit *string `json:"unit"`
	Op   Op      `json:"op"`
	Failure
}

// expireKnob is the optional body of POST /_mock/expire-tokens.
type expireKnob struct {
	Unit       *string `json:"unit"`
	AccessOnly bool    `json:"access_only"`
}

// hooks registers the unit's /_mock/ hooks.
func (h unitHandler) hooks(rt *mock.Router) {
	mock.StateHooks(rt, h.p.view, h.apply)
	h.maintenanceHooks(rt)
	rt.Hook("POST fail-next", mock.BodyHook(func(k failNextKnob) error {
		u, err := h.target(k.Unit)
		if err != nil {
			return err
		}
		return h.p.FailNext(u, k.Op, k.Failure)
	}, h.p.view))
	rt.Hook("POST break", func(w http.ResponseWriter, _ *http.Request) {
		h.p.BreakOutsideTerraform()
		mock.WriteJSON(w, http.StatusOK, h.p.view())
	})
	rt.Hook("POST form-pair", func(w http.ResponseWriter, _ *http.Request) {
		if err := h.p.FormPair(); err != nil {
			mock.HookError(w, http.StatusConflict, err.Error())
			return
		}
		mock.WriteJSON(w, http.StatusOK, h.p.view())
	})
	rt.Hook("POST expire-tokens", func(w http.ResponseWriter, r *http.Request) {
		var k expireKnob
		err := mock.DecodeHook(r, &k)
		u := h.u
		if err == nil {
			u, err = h.target(k.Unit)
		}
		if err != nil {
			mock.HookError(w, http.StatusBadRequest, err.Error())
			return
		}
		if k.AccessOnly {
			h.p.ExpireAccessTokens(u)
		} else {
			h.p.ExpireTokens(u)
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

func (h unitHandler) target(name *string) (Unit, error) {
	return unitNames.Target(name, h.u)
}

// apply validates every knob before changing anything.
func (h unitHandler) apply(k knobs) error {
	u, err := h.target(k.Unit)
	if err != nil {
		return err
	}
	p := h.p
	if k.ExpiryStatus != nil && *k.ExpiryStatus != http.StatusUnauthorized && *k.ExpiryStatus != http.StatusRequestTimeout {
		return errors.New("expiry_status must be 401 or 408")
	}
	t := p.Timings()
	mock.SetIf(k.JobQueued, func(v mock.Duration) { t.JobQueued = time.Duration(v) })
	mock.SetIf(k.JobDeploying, func(v mock.Duration) { t.JobDeploying = time.Duration(v) })
	mock.SetIf(k.Negotiation, func(v mock.Duration) { t.Negotiation = time.Duration(v) })
	mock.SetIf(k.Sync, func(v mock.Duration) { t.Sync = time.Duration(v) })
	mock.SetIf(k.FailoverDelay, func(v mock.Duration) { t.Failover = time.Duration(v) })
	p.SetTimings(t)
	var access, refresh time.Duration
	mock.SetIf(k.AccessTokenLifetime, func(v mock.Duration) { access = time.Duration(v) })
	mock.SetIf(k.RefreshTokenLifetime, func(v mock.Duration) { refresh = time.Duration(v) })
	p.SetTokenLifetimes(access, refresh)
	mock.SetIf(k.ExpiryStatus, func(v int) { _ = p.SetExpiryStatus(v) })
	mock.SetIf(k.JoinOutage, func(v outageView) { p.SetJoinOutage(Outage{Duration: time.Duration(v.Duration), Drop: v.Drop}) })
	mock.SetIf(k.PendingChanges, func(v bool) { p.SetPendingChanges(u, v) })
	return nil
}

func (p *Pair) view() stateView {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.settle()
	now := p.clock.Now()
	v := stateView{
		Timings: timingsView{
			JobQueued:     mock.Duration(p.timings.JobQueued),
			JobDeploying:  mock.Duration(p.timings.JobDeploying),
			Negotiation:   mock.Duration(p.timings.Negotiation),
			Sync:          mock.Duration(p.timings.Sync),
			FailoverDelay: mock.Duration(p.timings.Failover),
		},
		AccessTokenLifetime:  mock.Duration(p.accessLifetime),
		RefreshTokenLifetime: mock.Duration(p.refreshLifetime),
		ExpiryStatus:         p.expiryStatus,
		JoinOutage:           outageView{Duration: mock.Duration(p.outage.Duration), Drop: p.outage.Drop},
		Formed:               p.ha.formed,
		FailoverPending:      p.ha.failover != nil,
		Failovers:            p.ha.failovers,
		OutsideBreaks:        p.ha.outsideBreaks,
	}
	if p.ha.formed && !now.Before(p.ha.syncEnd) {
		v.Active = nullable(p.ha.active.String())
	}
	for _, u := range []Unit{Primary, Secondary} {
		us := p.units[u]
		uv := unitView{
			Unit:            u.String(),
			HostName:        p.hosts[u],
			HAStatus:        p.status(u),
			HAConfiguration: us.config.clone(),
			Jobs:            []Job{},
			PendingChanges:  us.pendingChanges,
			Tokens:          us.tokens.stats,
			FailNext:        map[Op]Failure{},
		}
		uv.Tokens.Live = us.tokens.liveCount(now)
		for _, j := range us.jobs {
			uv.Jobs = append(uv.Jobs, j.view(now))
		}
		for op, f := range us.failNext {
			uv.FailNext[op] = f
		}
		v.Units = append(v.Units, uv)
	}
	return v
}
