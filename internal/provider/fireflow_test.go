package provider

import "testing"

func TestFireFlowDates(t *testing.T) {
	for s, want := range map[string]bool{
		"2019-10-10": true, "2021-08-31 00:00:00": true, "31-08-2021": true, "08-31-2021": true, "12-11-2021": true,
		"2019-13-01": false, "31-31-2021": false, "00-01-2021": false, "2021/08/31": false, "tomorrow": false, "": false,
	} {
		if got := validFireFlowDate(s); got != want {
			t.Errorf("validFireFlowDate(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestServiceValues(t *testing.T) {
	for s, want := range map[string]bool{
		"tcp/23": true, "udp/53": true, "TCP/1-1024": true, "tcp/any": true, "icmp/*": true,
		"tcp/70000": false, "tcp": false, "23": false, "http/80": false, "tcp/ 23": false,
	} {
		if got := validServiceValue(s); got != want {
			t.Errorf("validServiceValue(%q) = %v, want %v", s, got, want)
		}
	}
}
