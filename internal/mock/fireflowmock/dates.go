package fireflowmock

import (
	"time"
)

// readDateLayout is how read change requests show dates ("2021-08-31 00:00:00").
const readDateLayout = "2006-01-02 15:04:05"

// SetDateDayBeforeMonth sets the server option DateDayBeforeMonth: true reads
// dd-mm-yyyy, false mm-dd-yyyy.
func (f *FireFlow) SetDateDayBeforeMonth(on bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.dateDayBeforeMonth = on
}

// parseDate reads a date field. Accepted: yyyy-mm-dd (the seed 002 example),
// yyyy-mm-dd hh:mm:ss (as read back, and sent by one client) and the
// day/month order of DateDayBeforeMonth (seed 003). It returns the date as read
// change requests show it.
func parseDate(s string, dayBeforeMonth bool) (string, bool) {
	local := "01-02-2006"
	if dayBeforeMonth {
		local = "02-01-2006"
	}
	for _, layout := range []string{"2006-01-02", readDateLayout, local} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(readDateLayout), true
		}
	}
	return "", false
}
