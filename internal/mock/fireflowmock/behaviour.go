package fireflowmock

import (
	"fmt"
	"net/http"
	"time"
)

// Behaviour is how the mock answers where AlgoSec's per-endpoint pages (fireflow.md
// section 8) and what real appliances showed (section 9) differ. The zero value is the
// older pages' reading; RealAppliance is section 9's.
type Behaviour struct {
	// TrafficItemKey is the key under which traffic items are taken (see ItemKey).
	TrafficItemKey ItemKey
	// ReadShape is how a read shows the lines of a traffic request (see ReadShape).
	ReadShape ReadShape
	// ActiveChangeRoutes is the spelling of the ActiveChange routes served (see Routes).
	ActiveChangeRoutes Routes
	// StatusDelay, when positive, leaves the "status" field out of the reads of a new
	// traffic request until that long after its creation, or until its status changes
	// (fireflow.md section 9: a SOAR integration waits about 10 s before its first read).
	StatusDelay time.Duration
	// NotFoundStatus is the HTTP status of CHANGE_REQUEST_NOT_FOUND on the traffic
	// routes: 400 (section 2, the default) or 500 (section 9: the A30.10 page of the
	// traffic GET documents only 200 and 500).
	NotFoundStatus int
}

// GuideBehaviour is the reading of AlgoSec's per-endpoint pages (fireflow.md section 8).
var GuideBehaviour = Behaviour{}

// RealAppliance is what real FireFlow appliances showed (fireflow.md section 9).
var RealAppliance = Behaviour{
	TrafficItemKey:     ItemKeySwagger,
	ReadShape:          ReadShapeOriginal,
	ActiveChangeRoutes: RoutesWorkOrder,
	StatusDelay:        10 * time.Second,
	NotFoundStatus:     http.StatusInternalServerError,
}

// ReadShape is how the read of a traffic request shows its lines.
type ReadShape string

// Read shapes.
const (
	// ReadShapeTraffic serves the lines as sent under "traffic", items under "name" (the
	// guide shows no read of them; the default).
	ReadShapeTraffic ReadShape = ""
	// ReadShapeOriginal serves them as a real appliance does (fireflow.md section 9):
	// "originalTraffic" as requested and "plannedTraffic" after FireFlow's normalisation,
	// items keyed "value", user and application "any" where none was asked for. The
	// fields are those of the captured read (Owner, Creator, Due, LastUpdated, Requestor,
	// status): the subject, description, template, devices and custom fields are not shown.
	ReadShapeOriginal ReadShape = "original"
)

func parseReadShape(s string) (ReadShape, error) {
	switch r := ReadShape(s); r {
	case ReadShapeTraffic, ReadShapeOriginal:
		return r, nil
	}
	return "", fmt.Errorf("read_shape must be \"\" or \"original\", not %q", s)
}

// Routes is the spelling of the ActiveChange routes a release serves (fireflow.md
// section 9: both are documented for the same operation, and which one a release serves
// is not). The other spelling answers 404 like any unknown path.
type Routes string

// Route spellings.
const (
	// RoutesActiveChange serves POST .../active-change/calculate and GET .../active-change
	// (the curl examples; the default).
	RoutesActiveChange Routes = ""
	// RoutesWorkOrder serves POST .../work-order/implement and GET
	// .../work-order/implementation/result (the Resource Name fields; a lab script).
	RoutesWorkOrder Routes = "work-order"
	// RoutesBoth serves both spellings.
	RoutesBoth Routes = "both"
)

func parseRoutes(s string) (Routes, error) {
	switch r := Routes(s); r {
	case RoutesActiveChange, RoutesWorkOrder, RoutesBoth:
		return r, nil
	}
	return "", fmt.Errorf("active_change_routes must be \"\", \"work-order\" or \"both\", not %q", s)
}

func (r Routes) serves(workOrder bool) bool {
	return r == RoutesBoth || (r == RoutesWorkOrder) == workOrder
}

func parseBehaviour(s string) (Behaviour, error) {
	switch s {
	case "guide":
		return GuideBehaviour, nil
	case "real":
		return RealAppliance, nil
	}
	return Behaviour{}, fmt.Errorf("behaviour must be \"guide\" or \"real\", not %q", s)
}

// SetBehaviour sets every setting of b at once.
func (f *FireFlow) SetBehaviour(b Behaviour) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.setBehaviour(b)
}

// setBehaviour sets b. Callers hold f.mu.
func (f *FireFlow) setBehaviour(b Behaviour) {
	if b.NotFoundStatus == 0 {
		b.NotFoundStatus = http.StatusBadRequest
	}
	b.StatusDelay = max(b.StatusDelay, 0)
	f.behaviour = b
}

// Behaviour returns the current settings.
func (f *FireFlow) Behaviour() Behaviour {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.behaviour
}

// SetActiveChangePermission sets whether the mock's user may run ActiveChange; without
// the right, both ActiveChange routes answer 403 NO_PERMISSIONS (fireflow.md section 9).
func (f *FireFlow) SetActiveChangePermission(allowed bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.denyActiveChange = !allowed
}

// notFound answers CHANGE_REQUEST_NOT_FOUND for idText with the status of the settings
// (kind traffic) or 400 (the other kinds).
func (f *FireFlow) notFound(w http.ResponseWriter, k Kind, idText string) {
	status := http.StatusBadRequest
	if k == KindTraffic {
		f.mu.Lock()
		status = f.behaviour.NotFoundStatus
		f.mu.Unlock()
	}
	writeFailure(w, status, Message{CodeChangeRequestNotFound, "Change request " + idText + " not found"})
}
