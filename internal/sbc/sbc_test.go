package sbc_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/sbcmock"
	"github.com/netops/terraform-provider-netops/internal/sbc"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

type fixture struct {
	pair *sbcmock.Pair
	a, b *mock.Server
	ca   *mock.Authority
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ca, err := mock.NewAuthority()
	if err != nil {
		t.Fatal(err)
	}
	pair := sbcmock.NewPair(sbcmock.Options{SwitchoverDelay: 100 * time.Millisecond})
	a, b, err := pair.Serve(ca, "", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close(); b.Close() })
	return &fixture{pair: pair, a: a, b: b, ca: ca}
}

func (f *fixture) client(t *testing.T, s *mock.Server, user, password string) *sbc.Client {
	t.Helper()
	c, err := sbc.New(sbc.Config{
		BaseURL: s.URL(), Username: user, Password: password, CACertPEM: string(f.ca.CertPEM()),
		Transport: transport.Config{Retry: transport.Retry{Attempts: 2, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (f *fixture) adminPair(t *testing.T) sbc.Pair {
	return sbc.Pair{
		Host: f.client(t, f.a, sbcmock.AdminUser, sbcmock.AdminPassword),
		Peer: f.client(t, f.b, sbcmock.AdminUser, sbcmock.AdminPassword),
	}
}

func TestStatus(t *testing.T) {
	f := newFixture(t)
	st, err := f.client(t, f.b, sbcmock.ReadOnlyUser, sbcmock.ReadOnlyPassword).Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.HostName != "sbc-b" || !st.HasRole(sbc.RoleStandby) || !st.PeerHasRole(sbc.RoleActive) || st.HAPeerName != "sbc-a" || !st.HAConfigured() {
		t.Errorf("status = %+v", st)
	}
	if st.Switchovers() != 0 || st.Uptime() == nil || len(st.HASyncState) == 0 {
		t.Errorf("counters: switchovers %d uptime %v sync %v", st.Switchovers(), st.Uptime(), st.HASyncState)
	}
}

func TestSwitchover_progressAndResult(t *testing.T) {
	f := newFixture(t)
	var events []string
	res, err := f.adminPair(t).Switchover(context.Background(), sbc.SwitchoverOptions{
		ExpectedActive: "SBC-A", // host names compare case-insensitively
		Wait:           true,
		Polling:        transport.Polling{Min: 20 * time.Millisecond, Max: 50 * time.Millisecond},
		Progress:       func(e sbc.Event) { events = append(events, e.Message) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Verified || res.PreviousActive != "sbc-a" || res.NewActive != "sbc-b" || res.SwitchoverCount != 1 || res.CompletedAt.Before(res.AcceptedAt) {
		t.Errorf("result = %+v", res)
	}
	if f.pair.Active() != sbcmock.UnitB || f.pair.AcceptedSwitchovers() != 1 {
		t.Errorf("mock: active %v accepted %d", f.pair.Active(), f.pair.AcceptedSwitchovers())
	}
	if len(events) < 3 || events[0] != "sbc-a is active, sbc-b is standby" || events[1] != "switchover accepted by sbc-a" || events[len(events)-1] != "sbc-b is now active" {
		t.Fatalf("events = %q", events)
	}
	for _, e := range events[2 : len(events)-1] {
		if !strings.HasPrefix(e, "waiting for the swap (poll ") {
			t.Errorf("unexpected event %q", e)
		}
	}
}

func TestSwitchover_noWait(t *testing.T) {
	f := newFixture(t)
	res, err := f.adminPair(t).Switchover(context.Background(), sbc.SwitchoverOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Verified || res.NewActive != "" || res.PreviousActive != "sbc-a" {
		t.Errorf("result = %+v", res)
	}
	if f.pair.AcceptedSwitchovers() != 1 {
		t.Errorf("accepted %d", f.pair.AcceptedSwitchovers())
	}
}

func TestSwitchover_neverSwapsEndsAtDeadline(t *testing.T) {
	f := newFixture(t)
	f.pair.SetNeverSwap(true)
	// The deadline is reached on the mock clock, which the wait's sleeps advance; the
	// context's own deadline, in real time, is not expected to be hit.
	clock := mock.NewFakeClock(time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC))
	polling := transport.DefaultPolling()
	polling.Sleep, polling.Now = clock.Sleep, clock.Now
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, err := f.adminPair(t).Switchover(ctx, sbc.SwitchoverOptions{Wait: true, Polling: polling})
	var nv *sbc.NotVerifiedError
	if !errors.As(err, &nv) {
		t.Fatalf("err = %v, want NotVerifiedError", err)
	}
	if nv.AcceptedBy != "sbc-a" || res == nil || res.PreviousActive != "sbc-a" || !strings.Contains(err.Error(), "last seen: sbc-a is \"active\"") {
		t.Errorf("err = %v, res = %+v", err, res)
	}
}

func TestSwitchover_preconditionsSendNothing(t *testing.T) {
	for name, prepare := range map[string]func(*sbcmock.Pair){
		"both out":     func(p *sbcmock.Pair) { p.SetOutOfService(sbcmock.UnitB, true) },
		"standby weak": func(p *sbcmock.Pair) { p.SetHealth(sbcmock.UnitB, 74) },
		"standalone":   func(p *sbcmock.Pair) { p.SetHAConfigured(false) },
	} {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t)
			prepare(f.pair)
			_, err := f.adminPair(t).Switchover(context.Background(), sbc.SwitchoverOptions{Wait: true})
			var pre *sbc.PreconditionError
			if !errors.As(err, &pre) {
				t.Fatalf("err = %v, want a PreconditionError", err)
			}
			if n := f.a.CountCalls("POST", "/rest/v1.2/admin/switchover") + f.b.CountCalls("POST", "/rest/v1.2/admin/switchover"); n != 0 {
				t.Fatalf("%d switchover POSTs sent", n)
			}
		})
	}
}

func TestSwitchover_hostUnreachableUsesPeerView(t *testing.T) {
	// Only the standby is reachable and it is the configured host: refused, nothing sent.
	f := newFixture(t)
	_, err := sbc.Pair{Host: f.client(t, f.b, sbcmock.AdminUser, sbcmock.AdminPassword)}.Switchover(context.Background(), sbc.SwitchoverOptions{})
	if err == nil || !strings.Contains(err.Error(), "sbc-b is the standby unit and no peer_host is configured") {
		t.Fatalf("err = %v", err)
	}
}

func TestVersion_negotiatedOncePerUnit(t *testing.T) {
	ca, err := mock.NewAuthority()
	if err != nil {
		t.Fatal(err)
	}
	pair := sbcmock.NewPair(sbcmock.Options{Releases: [2]string{sbcmock.Release83, sbcmock.Release100}})
	a, b, err := pair.Serve(ca, "", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close(); b.Close() })
	f := &fixture{pair: pair, a: a, b: b, ca: ca}
	for _, tc := range []struct {
		srv  *mock.Server
		want string
	}{{a, "v1.1"}, {b, "v1.2"}} {
		c := f.client(t, tc.srv, sbcmock.ReadOnlyUser, sbcmock.ReadOnlyPassword)
		for range 3 {
			if _, err := c.Status(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		if v, _ := c.Version(context.Background()); v != tc.want {
			t.Errorf("%s: version %s, want %s", tc.srv.Host(), v, tc.want)
		}
		if n := tc.srv.CountCalls("GET", "/rest/api/supportedversions"); n != 1 {
			t.Errorf("%s: supportedversions read %d times", tc.srv.Host(), n)
		}
		if n := tc.srv.CountCalls("GET", "/rest/"+tc.want+"/system/status"); n != 3 {
			t.Errorf("%s: %d status reads in %s", tc.srv.Host(), n, tc.want)
		}
	}
}

func TestVersion_noneKnown(t *testing.T) {
	ca, err := mock.NewAuthority()
	if err != nil {
		t.Fatal(err)
	}
	pair := sbcmock.NewPair(sbcmock.Options{Versions: []string{"v0.9"}})
	a, b, err := pair.Serve(ca, "", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close(); b.Close() })
	f := &fixture{pair: pair, a: a, b: b, ca: ca}
	_, err = f.client(t, a, sbcmock.AdminUser, sbcmock.AdminPassword).Status(context.Background())
	var ve *sbc.VersionError
	if !errors.As(err, &ve) || !strings.Contains(err.Error(), "offers REST API versions [v0.9]") || !strings.Contains(err.Error(), "sbc.api_version") {
		t.Fatalf("err = %v", err)
	}
	if len(a.Calls()) != 1 {
		t.Fatalf("%d calls, want only supportedversions", len(a.Calls()))
	}
}

func TestStatus_missingRoleIsUnexpectedAnswer(t *testing.T) {
	f := newFixture(t)
	f.a.Inject(mock.Fault{Method: "GET", Path: "/rest/v1.2/system/status", Times: 1, Status: 200, ContentType: "application/xml",
		Body: `<response><data><hostName>sbc-a</hostName></data><messages/><links/></response>`})
	_, err := f.client(t, f.a, sbcmock.AdminUser, sbcmock.AdminPassword).Status(context.Background())
	var ua *transport.UnexpectedAnswerError
	if !errors.As(err, &ua) || !strings.Contains(err.Error(), "the status holds no role") || !strings.Contains(err.Error(), "<hostName>sbc-a</hostName>") {
		t.Fatalf("err = %v", err)
	}
}
