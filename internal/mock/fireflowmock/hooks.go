package fireflowmock

import (
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// stateView is GET /_mock/state.
type stateView struct {
	SessionLifetime      mock.Duration `json:"session_lifetime"`
	LoginFailureStatus   int           `json:"login_failure_status"`
	DateDayBeforeMonth   bool          `json:"date_day_before_month"`
	AutoAdvance          mock.Duration `json:"auto_advance"`
	FailCreates          int           `json:"fail_creates"`
	FailMode             string        `json:"fail_mode"`
	Logins               int           `json:"logins"`
	FailedLogins         int           `json:"failed_logins"`
	Sessions             []Session     `json:"sessions"`
	TrafficItemKey       string        `json:"traffic_item_key"`
	ReadShape            string        `json:"read_shape"`
	ActiveChangeRoutes   string        `json:"active_change_routes"`
	StatusDelay          mock.Duration `json:"status_delay"`
	NotFoundStatus       int           `json:"not_found_status"`
	ActiveChangeDenied   bool          `json:"active_change_denied"`
	ActiveChangeOutcome  string        `json:"active_change_outcome"`
	ActiveChangeDuration mock.Duration `json:"active_change_duration"`
	TicketCount          int           `json:"ticket_count"`
	NextID               int           `json:"next_id"`
}

// knobs is the body of POST /_mock/state; absent members stay unchanged. behaviour
// ("guide" or "real") sets every setting of the Behaviour first; the single settings
// after it.
type knobs struct {
	Behaviour            *string        `json:"behaviour"`
	ReadShape            *string        `json:"read_shape"`
	ActiveChangeRoutes   *string        `json:"active_change_routes"`
	StatusDelay          *mock.Duration `json:"status_delay"`
	NotFoundStatus       *int           `json:"not_found_status"`
	ActiveChangeDenied   *bool          `json:"active_change_denied"`
	SessionLifetime      *mock.Duration `json:"session_lifetime"`
	LoginFailureStatus   *int           `json:"login_failure_status"`
	DateDayBeforeMonth   *bool          `json:"date_day_before_month"`
	AutoAdvance          *mock.Duration `json:"auto_advance"`
	FailCreates          *int           `json:"fail_creates"`
	FailMode             *string        `json:"fail_mode"`
	TrafficItemKey       *string        `json:"traffic_item_key"`
	ActiveChangeOutcome  *string        `json:"active_change_outcome"`
	ActiveChangeDuration *mock.Duration `json:"active_change_duration"`
}

// statusBody is the body of POST /_mock/tickets/{id}/status.
type statusBody struct {
	Status string `json:"status"`
}

// inventoryView is GET /_mock/inventory.
type inventoryView struct {
	Templates []Template   `json:"templates"`
	Devices   []deviceView `json:"devices"`
}

type deviceView struct {
	Device
	Objects []Object `json:"objects"`
	Rules   []string `json:"rules"`
}

// hooks registers the /_mock/ hooks.
func (f *FireFlow) hooks(rt *mock.Router) {
	mock.StateHooks(rt, f.state, f.apply)
	rt.Hook("POST expire-sessions", mock.ActionHook(f.ExpireSessions))
	rt.Hook("GET inventory", mock.ViewHook(f.inventory))
	rt.Hook("GET tickets", mock.ViewHook(f.Tickets))
	rt.Hook("tickets/{rest...}", func(w http.ResponseWriter, r *http.Request) {
		f.serveTicketHook(w, r, r.PathValue("rest"))
	})
}

// serveTicketHook answers /_mock/tickets/{id}[/status|/advance].
func (f *FireFlow) serveTicketHook(w http.ResponseWriter, r *http.Request, rest string) {
	idText, action, _ := strings.Cut(rest, "/")
	id, err := strconv.Atoi(idText)
	if err != nil {
		mock.HookError(w, http.StatusNotFound, "no such change request: "+idText)
		return
	}
	if _, ok := f.Ticket(id); !ok {
		mock.HookError(w, http.StatusNotFound, "no such change request: "+idText)
		return
	}
	switch r.Method + " " + action {
	case "GET ":
	case "DELETE ":
		f.DeleteTicket(id)
		w.WriteHeader(http.StatusNoContent)
		return
	case "POST status":
		var b statusBody
		if err := mock.DecodeHook(r, &b); err != nil {
			mock.HookError(w, http.StatusBadRequest, err.Error())
			return
		}
		if err := f.SetStatus(id, b.Status); err != nil {
			mock.HookError(w, http.StatusBadRequest, err.Error())
			return
		}
	case "POST advance":
		if _, err := f.AdvanceStatus(id); err != nil {
			mock.HookError(w, http.StatusConflict, err.Error())
			return
		}
	default:
		mock.HookError(w, http.StatusNotFound, "no such mock hook: "+r.Method+" /_mock/tickets/"+rest)
		return
	}
	cr, ok := f.Ticket(id)
	if !ok {
		mock.HookError(w, http.StatusNotFound, "no such change request: "+idText)
		return
	}
	mock.WriteJSON(w, http.StatusOK, cr)
}

func (f *FireFlow) apply(k knobs) error {
	if s := k.LoginFailureStatus; s != nil && (*s < 100 || *s > 599) {
		return fmt.Errorf("login_failure_status %d is no HTTP status", *s)
	}
	if n := k.FailCreates; n != nil && *n < 0 {
		return errors.New("fail_creates must not be negative")
	}
	var mode FailMode
	if k.FailMode != nil {
		m, err := parseFailMode(*k.FailMode)
		if err != nil {
			return err
		}
		mode = m
	}
	b, err := f.knobBehaviour(k)
	if err != nil {
		return err
	}
	var outcome ActiveChangeOutcome
	if k.ActiveChangeOutcome != nil {
		o, err := parseActiveChangeOutcome(*k.ActiveChangeOutcome)
		if err != nil {
			return err
		}
		outcome = o
	}
	if d := k.ActiveChangeDuration; d != nil && *d < 0 {
		return errors.New("active_change_duration must not be negative")
	}
	if k.SessionLifetime != nil {
		f.SetSessionLifetime(time.Duration(*k.SessionLifetime))
	}
	if k.LoginFailureStatus != nil {
		f.SetLoginFailureStatus(*k.LoginFailureStatus)
	}
	if k.DateDayBeforeMonth != nil {
		f.SetDateDayBeforeMonth(*k.DateDayBeforeMonth)
	}
	if k.AutoAdvance != nil {
		f.SetAutoAdvance(time.Duration(*k.AutoAdvance))
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if k.FailCreates != nil {
		f.failCreates = *k.FailCreates
	}
	if k.FailMode != nil {
		f.failMode = mode
	}
	f.setBehaviour(b)
	if k.ActiveChangeDenied != nil {
		f.denyActiveChange = *k.ActiveChangeDenied
	}
	if k.ActiveChangeOutcome != nil {
		f.acOutcome = outcome
	}
	if k.ActiveChangeDuration != nil {
		f.acDuration = time.Duration(*k.ActiveChangeDuration)
	}
	return nil
}

// knobBehaviour is the Behaviour the knobs ask for: the current one, or the preset
// they name, with their single settings applied.
func (f *FireFlow) knobBehaviour(k knobs) (Behaviour, error) {
	b := f.Behaviour()
	var err error
	if k.Behaviour != nil {
		if b, err = parseBehaviour(*k.Behaviour); err != nil {
			return b, err
		}
	}
	if k.TrafficItemKey != nil {
		if b.TrafficItemKey, err = parseItemKey(*k.TrafficItemKey); err != nil {
			return b, err
		}
	}
	if k.ReadShape != nil {
		if b.ReadShape, err = parseReadShape(*k.ReadShape); err != nil {
			return b, err
		}
	}
	if k.ActiveChangeRoutes != nil {
		if b.ActiveChangeRoutes, err = parseRoutes(*k.ActiveChangeRoutes); err != nil {
			return b, err
		}
	}
	if d := k.StatusDelay; d != nil {
		if *d < 0 {
			return b, errors.New("status_delay must not be negative")
		}
		b.StatusDelay = time.Duration(*d)
	}
	if s := k.NotFoundStatus; s != nil {
		if *s != http.StatusBadRequest && *s != http.StatusInternalServerError {
			return b, fmt.Errorf("not_found_status must be 400 or 500, not %d", *s)
		}
		b.NotFoundStatus = *s
	}
	return b, nil
}

func (f *FireFlow) state() stateView {
	f.mu.Lock()
	defer f.mu.Unlock()
	return stateView{
		SessionLifetime:      mock.Duration(f.sessionLifetime),
		LoginFailureStatus:   f.loginFailureStatus,
		DateDayBeforeMonth:   f.dateDayBeforeMonth,
		AutoAdvance:          mock.Duration(f.autoAdvance),
		FailCreates:          f.failCreates,
		FailMode:             f.failMode.String(),
		Logins:               f.logins,
		FailedLogins:         f.failedLogins,
		Sessions:             f.sessionList(),
		TrafficItemKey:       string(f.behaviour.TrafficItemKey),
		ReadShape:            string(f.behaviour.ReadShape),
		ActiveChangeRoutes:   string(f.behaviour.ActiveChangeRoutes),
		StatusDelay:          mock.Duration(f.behaviour.StatusDelay),
		NotFoundStatus:       f.behaviour.NotFoundStatus,
		ActiveChangeDenied:   f.denyActiveChange,
		ActiveChangeOutcome:  string(f.acOutcome),
		ActiveChangeDuration: mock.Duration(f.acDuration),
		TicketCount:          len(f.tickets),
		NextID:               f.nextID,
	}
}

func (f *FireFlow) inventory() inventoryView {
	f.mu.Lock()
	defer f.mu.Unlock()
	var inv inventoryView
	for _, name := range slices.Sorted(maps.Keys(f.templates)) {
		inv.Templates = append(inv.Templates, f.templates[name])
	}
	for _, name := range slices.Sorted(maps.Keys(f.devices)) {
		d := f.devices[name]
		v := deviceView{Device: d.Device, Objects: []Object{}, Rules: slices.Clone(d.rules)}
		if v.Rules == nil {
			v.Rules = []string{}
		}
		for _, k := range slices.SortedFunc(maps.Keys(d.objects), func(a, b objectKey) int {
			return strings.Compare(a.typ+"/"+a.name, b.typ+"/"+b.name)
		}) {
			v.Objects = append(v.Objects, d.objects[k])
		}
		inv.Devices = append(inv.Devices, v)
	}
	return inv
}
