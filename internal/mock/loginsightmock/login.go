package loginsightmock

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

type loginRequest struct {
	Username *string `json:"username"`
	Password *string `json:"password"`
	Provider *string `json:"provider"`
}

type loginResponse struct {
	UserID    string `json:"userId"`
	SessionID string `json:"sessionId"`
	TTL       int    `json:"ttl"`
}

type currentSessionResponse struct {
	UserID string `json:"userId"`
	TTL    int    `json:"ttl"`
}

// login answers POST /sessions (loginsight.md section 2).
func (h nodeHandler) login(w http.ResponseWriter, r *http.Request, _ request) {
	var req loginRequest
	if !readBody(w, r, &req) {
		return
	}
	var missing []string
	if req.Username == nil {
		missing = append(missing, "username")
	}
	if req.Password == nil {
		missing = append(missing, "password")
	}
	if req.Provider == nil {
		missing = append(missing, "provider")
	}
	if len(missing) > 0 {
		writeBadBody(w, "missing required field(s): "+strings.Join(missing, ", "))
		return
	}
	if !authProviders[*req.Provider] {
		writeError(w, http.StatusBadRequest, apiError{
			ErrorMessage: "Invalid authentication provider.",
			ErrorCode:    codeFieldError,
			ErrorDetails: map[string]string{"provider": "must be one of Local, ActiveDirectory, vIDM, not " + strconv.Quote(*req.Provider)},
		})
		return
	}
	id, s, ok := h.c.login(h.n, *req.Username, *req.Password, *req.Provider)
	if !ok {
		writeError(w, http.StatusUnauthorized, apiError{ErrorMessage: "Invalid username or password.", ErrorCode: codeFieldError})
		return
	}
	mock.WriteCompactJSON(w, http.StatusOK, loginResponse{UserID: s.userID, SessionID: id, TTL: ttlSeconds(s.expires.Sub(h.c.now()))})
}

// currentSession answers GET /sessions/current with the time the session has left.
func (h nodeHandler) currentSession(w http.ResponseWriter, _ *http.Request, rq request) {
	mock.WriteCompactJSON(w, http.StatusOK, currentSessionResponse{UserID: rq.session.userID, TTL: ttlSeconds(rq.session.expires.Sub(h.c.now()))})
}

func (c *Cluster) now() time.Time { return c.clock.Now() }
