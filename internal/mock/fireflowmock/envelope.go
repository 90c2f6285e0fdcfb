package fireflowmock

import (
	"net/http"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// Message codes. The first group is documented (fireflow.md, seeds 002 and 003);
// the second is the mock's own naming where no source gives one.
const (
	CodeSuccess               = "success"
	CodeAuthenticationFailure = "authentication.failure"
	CodeInvalidSessionKey     = "INVALID_SESSION_KEY"
	CodeExpiredSessionKey     = "EXPIRED_SESSION_KEY"
	CodeBadMediaType          = "BAD_MEDIA_TYPE"
	CodeBadJSONFormat         = "BAD_JSON_FORMAT"
	CodeUnexpectedError       = "UNEXPECTED_ERROR_OCCURRED"
	CodeChangeRequestNotFound = "CHANGE_REQUEST_NOT_FOUND"
	CodeObjectNotFound        = "OBJECT_NOT_FOUND"
	CodeDevicesNotFound       = "DEVICES_NOT_FOUND"
	CodeZoneBasedGlobalObject = "CREATE_ZONE_BASED_DEVICE_NOT_SUPPORT_GLOBAL_OBJECTS"

	CodeMandatoryFieldMissing = "MANDATORY_FIELD_MISSING"
	CodeTemplateNotFound      = "TEMPLATE_NOT_FOUND"
	CodeInvalidFieldValue     = "INVALID_FIELD_VALUE"
	CodeInvalidDateFormat     = "INVALID_DATE_FORMAT"
	CodeMixedRuleActions      = "MIXED_RULE_REMOVAL_ACTIONS"
	CodeRulesNotFound         = "RULES_NOT_FOUND"
	CodeInvalidAttachment     = "INVALID_ATTACHMENT"
	CodeNotFound              = "NOT_FOUND"
	CodeMethodNotAllowed      = "METHOD_NOT_ALLOWED"
)

// Documented message texts (checkifsessionisalive_request, A33.10).
const (
	msgInvalidSession  = "The session key provided is invalid"
	msgExpiredSession  = "The session key provided has expired"
	msgBadMediaType    = "Content-Type header is missing or has unsuitable value"
	msgBadJSON         = "Bad JSON format: failed to parse request body"
	msgUnexpectedError = "Unexpected error occurred"
)

// Message is one {code, message} item of the envelope.
type Message struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// envelope is {status, messages, data} around every answer but GET /session.
type envelope struct {
	Status   string    `json:"status"`
	Messages []Message `json:"messages"`
	Data     any       `json:"data"`
}

var successMessages = []Message{{CodeSuccess, "Success"}}

func writeSuccess(w http.ResponseWriter, messages []Message, data any) {
	mock.WriteJSON(w, http.StatusOK, envelope{Status: "Success", Messages: messages, Data: data})
}

// writeFailure answers status with a Failure envelope and data null.
func writeFailure(w http.ResponseWriter, status int, messages ...Message) {
	mock.WriteJSON(w, status, envelope{Status: "Failure", Messages: messages, Data: nil})
}

// UnexpectedErrorFault is a fault for mock.Server.Inject that answers the next
// times requests matching method and path with FireFlow's 500 envelope, without
// running the handler.
func UnexpectedErrorFault(method, path string, times int) mock.Fault {
	return mock.Fault{
		Method:      method,
		Path:        path,
		Times:       times,
		Status:      http.StatusInternalServerError,
		ContentType: "application/json",
		Body:        `{"status":"Failure","messages":[{"code":"` + CodeUnexpectedError + `","message":"` + msgUnexpectedError + `"}],"data":null}`,
	}
}
