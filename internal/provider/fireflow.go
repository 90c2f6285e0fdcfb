package provider

import (
	"context"
	"encoding/base64"
	"fmt"
	"maps"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/netops/terraform-provider-netops/internal/fireflow"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

// FireFlow-wide helpers: the change request flow both request resources share (create
// once, refresh, adopt after import, forget on delete) and validators of FireFlow values.

// changeRequestComputed are the attributes both change request resources compute.
type changeRequestComputed struct {
	ID                types.String `tfsdk:"id"`
	Server            types.String `tfsdk:"server"`
	RedirectURL       types.String `tfsdk:"redirect_url"`
	Status            types.String `tfsdk:"status"`
	SubChangeRequests types.List   `tfsdk:"sub_change_requests"`
}

func changeRequestComputedAttributes() map[string]schema.Attribute {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	return map[string]schema.Attribute{
		"server":       schema.StringAttribute{MarkdownDescription: serverDescription, Optional: true},
		"id":           schema.StringAttribute{MarkdownDescription: "Change request id.", Computed: true, PlanModifiers: keep},
		"redirect_url": schema.StringAttribute{MarkdownDescription: "Web page of the change request in FireFlow.", Computed: true, PlanModifiers: keep},
		"status": schema.StringAttribute{
			MarkdownDescription: "Workflow status (`open`, `check`, `plan`, `approve`, `implement`, `validate`, `resolved`, ... as the FireFlow workflow names them), refreshed on every plan. " +
				"Null while FireFlow shows none (right after a create, a read may come without a status): not known yet.",
			Computed: true, PlanModifiers: keep,
		},
		"sub_change_requests": schema.ListAttribute{
			MarkdownDescription: "Ids of the child change requests FireFlow opened, one per device of a multi-device request.",
			ElementType:         types.Int64Type, Computed: true,
			PlanModifiers: []planmodifier.List{listplanmodifier.UseStateForUnknown()},
		},
	}
}

// ticketFields are the ticket inputs of the object and traffic change requests.
type ticketFields struct {
	Template     types.String `tfsdk:"template"`
	Subject      types.String `tfsdk:"subject"`
	Description  types.String `tfsdk:"description"`
	Requestor    types.String `tfsdk:"requestor"`
	Owner        types.String `tfsdk:"owner"`
	Due          types.String `tfsdk:"due"`
	Expire       types.String `tfsdk:"expire"`
	ExternalID   types.String `tfsdk:"external_id"`
	CustomFields types.Map    `tfsdk:"custom_fields"`
}

// ticketFieldAttributes are the schema of ticketFields, with the descriptions that
// differ between the request types. FireFlow cannot edit these inputs, so a change opens a
// new request; right after an import, an input the read did not give back (a real
// appliance's traffic read shows neither template nor subject, fireflow.md section 9) is
// adopted from the configuration instead.
func ticketFieldAttributes(template, description, externalID string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"template": schema.StringAttribute{
			MarkdownDescription: template,
			Required:            true,
			PlanModifiers:       []planmodifier.String{replaceUnlessAdoptedString()},
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"subject":     adoptString("Subject of the request."),
		"description": adoptString(description),
		"requestor":   adoptString("Requestor (user name or e-mail)."),
		"owner":       adoptString("Owner (user name or e-mail)."),
		"due":         adoptString("Due date: `YYYY-MM-DD`, `DD-MM-YYYY` or `MM-DD-YYYY` (as the FireFlow server's DateDayBeforeMonth option says), or `YYYY-MM-DD HH:MM:SS`.", fireflowDateValidator()),
		"expire":      adoptString("Expiry date, in the same forms as `due`.", fireflowDateValidator()),
		"external_id": adoptString(externalID),
		"custom_fields": schema.MapAttribute{
			MarkdownDescription: "Custom fields of the template, by field name.",
			ElementType:         types.ListType{ElemType: types.StringType},
			Optional:            true,
			PlanModifiers:       []planmodifier.Map{replaceUnlessAdoptedMap()},
		},
	}
}

// created records a new change request's id and link at once.
func (c *changeRequestComputed) created(cr *fireflow.Created) {
	c.ID = types.StringValue(strconv.FormatInt(cr.ID, 10))
	c.RedirectURL = types.StringValue(cr.RedirectURL)
	c.Status = types.StringNull()
	c.SubChangeRequests = types.ListNull(types.Int64Type)
}

// refreshed records status and children from a read. A read without a status (right
// after a create, fireflow.md section 9) keeps the status known before, null after a
// create: not known yet, neither an error nor a change.
func (c *changeRequestComputed) refreshed(client *fireflow.Client, cr *fireflow.ChangeRequest) diag.Diagnostics {
	if status, known := cr.Status(); known {
		c.Status = types.StringValue(status)
	}
	if c.RedirectURL.IsNull() || c.RedirectURL.ValueString() == "" {
		c.RedirectURL = types.StringValue(client.TicketURL(cr.ID))
	}
	subs := cr.SubChangeRequests
	if subs == nil {
		subs = []int64{}
	}
	var diags diag.Diagnostics
	c.SubChangeRequests, diags = types.ListValueFrom(context.Background(), types.Int64Type, subs)
	return diags
}

func (c *changeRequestComputed) id() (int64, error) {
	id, err := strconv.ParseInt(c.ID.ValueString(), 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%q is not a FireFlow change request id (a positive number)", c.ID.ValueString())
	}
	return id, nil
}

// readChangeRequest reads the request; gone reports FireFlow's definitive not-found.
func readChangeRequest(ctx context.Context, client *fireflow.Client, kind fireflow.Kind, c *changeRequestComputed) (cr *fireflow.ChangeRequest, gone bool, diags diag.Diagnostics) {
	id, err := c.id()
	if err != nil {
		diags.AddError("Invalid change request id", err.Error())
		return nil, false, diags
	}
	cr, err = client.GetChangeRequest(ctx, kind, id)
	if transport.IsNotFound(err) {
		return nil, true, nil
	}
	if err != nil {
		diags.AddError(summaryFor(err, "Reading the FireFlow change request failed"), err.Error())
		return nil, false, diags
	}
	diags.Append(c.refreshed(client, cr)...)
	return cr, false, diags
}

// createDiagnostic explains a failed create and whether FireFlow may hold the ticket
// anyway: FireFlow does not deduplicate, so an ambiguous create is never repeated.
func createDiagnostic(kind string, err error, request string, sentAt time.Time) diag.Diagnostics {
	var diags diag.Diagnostics
	switch fireflow.CreateOutcomeOf(err) {
	case fireflow.Refused:
		diags.AddError("FireFlow refused the "+kind+" change request", err.Error()+"\n\nNothing was created.")
	case fireflow.NotSent:
		diags.AddError("FireFlow could not be reached", err.Error()+"\n\nThe request was not sent; nothing was created. Apply again once FireFlow is reachable.")
	case fireflow.NoSession:
		diags.AddError("FireFlow refused the session", err.Error()+"\n\nFireFlow did not accept the request without a session; nothing was created.")
	default:
		diags.AddError("FireFlow may have created the "+kind+" change request", fmt.Sprintf(
			"%s\n\nThe request reached FireFlow but its answer was lost or was an error, so the change request may exist. "+
				"FireFlow does not deduplicate requests, so the provider did not send it again. Check before applying again: "+
				"in FireFlow, look for a %s change request %s opened at or after %s (the request list can be sorted by creation time).\n"+
				"- If it exists, bring it under Terraform: terraform import <this resource's address> <change request id>\n"+
				"- If it does not, run terraform apply again.",
			err.Error(), kind, request, sentAt.UTC().Format(time.RFC3339)))
	}
	return diags
}

// readBackWarning tells that a created ticket could not be read back yet.
const readBackFailure = "FireFlow returned change request %d, but reading it back failed: %s. The id is saved in the state (the resource is tainted); " +
	"AlgoSec notes creation may still be completing. Check %s before applying again: a new apply would open another ticket."

// deleteWarning says what to do with a ticket Terraform stops tracking.
func deleteWarning(c *changeRequestComputed) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddWarning("FireFlow change request left open",
		fmt.Sprintf("FireFlow has no API to cancel or close a change request, so change request %s was removed from the Terraform state only. "+
			"Close or reject it in FireFlow if it is no longer wanted: %s", c.ID.ValueString(), c.RedirectURL.ValueString()))
	return diags
}

func describeRequest(template, subject, externalID types.String) string {
	d := fmt.Sprintf("from template %q", template.ValueString())
	if !subject.IsNull() {
		d += fmt.Sprintf(" with subject %q", subject.ValueString())
	}
	if !externalID.IsNull() {
		d += fmt.Sprintf(" and external id %q", externalID.ValueString())
	}
	return d
}

// refreshChangeRequest reads the request and writes only the computed attributes, which
// is all a refresh can change; a request FireFlow no longer finds leaves the state. It
// works on the state's attribute values (prior, from the state's raw object) rather than
// through schema paths: a refresh runs once per resource on every plan.
func refreshChangeRequest(ctx context.Context, client *fireflow.Client, kind fireflow.Kind, prior map[string]tftypes.Value, state *tfsdk.State) diag.Diagnostics {
	var c changeRequestComputed
	diags := rawString(prior["id"], &c.ID)
	diags.Append(rawString(prior["redirect_url"], &c.RedirectURL)...)
	diags.Append(rawString(prior["status"], &c.Status)...)
	if diags.HasError() {
		return diags
	}
	_, gone, d := readChangeRequest(ctx, client, kind, &c)
	diags.Append(d...)
	if diags.HasError() {
		return diags
	}
	if gone {
		state.RemoveResource(ctx)
		return diags
	}
	diags.Append(setComputed(ctx, state.Raw.Type(), prior, &c, state, "status", "redirect_url", "sub_change_requests")...)
	return diags
}

// saveCreated writes a created request's state: its plan with every computed attribute
// filled, which is what converting the planned model back would give, without the
// conversion.
func saveCreated(ctx context.Context, planned tftypes.Value, c *changeRequestComputed, state *tfsdk.State) diag.Diagnostics {
	var diags diag.Diagnostics
	var attrs map[string]tftypes.Value
	if err := planned.As(&attrs); err != nil {
		diags.AddError("Reading the plan failed", err.Error())
		return diags
	}
	return setComputed(ctx, planned.Type(), attrs, c, state, "id", "redirect_url", "status", "sub_change_requests")
}

// setComputed sets the state to the object of attrs with the named computed attributes
// taken from c.
func setComputed(ctx context.Context, typ tftypes.Type, attrs map[string]tftypes.Value, c *changeRequestComputed, state *tfsdk.State, names ...string) diag.Diagnostics {
	var diags diag.Diagnostics
	values := map[string]attr.Value{"id": c.ID, "redirect_url": c.RedirectURL, "status": c.Status, "sub_change_requests": c.SubChangeRequests}
	next := make(map[string]tftypes.Value, len(attrs))
	maps.Copy(next, attrs)
	for _, name := range names {
		tv, err := values[name].ToTerraformValue(ctx)
		if err != nil {
			diags.AddAttributeError(path.Root(name), "Saving the change request failed", err.Error())
			return diags
		}
		next[name] = tv
	}
	state.Raw = tftypes.NewValue(typ, next)
	return diags
}

// rawString reads a string attribute of a raw state object.
func rawString(v tftypes.Value, out *types.String) diag.Diagnostics {
	var diags diag.Diagnostics
	switch {
	case v.IsNull():
		*out = types.StringNull()
	case !v.IsKnown():
		*out = types.StringUnknown()
	default:
		var s string
		if err := v.As(&s); err != nil {
			diags.AddError("Reading the state failed", err.Error())
		}
		*out = types.StringValue(s)
	}
	return diags
}

// createChangeRequest sends a create once, then reads the request back (AlgoSec warns
// creation may still be completing when an id is returned). The state holds the id from
// then on: when the read-back fails, the id and link FireFlow returned are saved with the
// error (the resource is tainted); when it succeeds, with what the read found. The
// framework takes the state only when Create returns, so one save covers either case.
func createChangeRequest(ctx context.Context, client *fireflow.Client, kind fireflow.Kind, label, description string,
	c *changeRequestComputed, send func() (*fireflow.Created, error), save func() diag.Diagnostics,
) diag.Diagnostics {
	sentAt := time.Now()
	created, err := send()
	if err != nil {
		return createDiagnostic(label, err, description, sentAt)
	}
	c.created(created)
	returned := *c
	_, gone, d := readChangeRequest(ctx, client, kind, c)
	if gone || d.HasError() {
		*c = returned
		diags := save()
		if diags.HasError() {
			return diags
		}
		detail := "FireFlow does not find it yet"
		if d.HasError() {
			detail = d[0].Detail()
		}
		diags.AddError("FireFlow change request not readable", fmt.Sprintf(readBackFailure, created.ID, detail, created.RedirectURL))
		return diags
	}
	return save()
}

// changeRequestModel is what the change request resources' models offer.
type changeRequestModel interface {
	computed() *changeRequestComputed
	recover(ctx context.Context, cr *fireflow.ChangeRequest) diag.Diagnostics
	// describe names the request so that a person can find it in FireFlow.
	describe() string
	// creator builds the request's body and returns the call that sends it.
	creator(ctx context.Context, client *fireflow.Client) (func() (*fireflow.Created, error), diag.Diagnostics)
}

// createChangeRequestResource is the Create of a change request resource: the plan's
// request sent once through createChangeRequest, the state saved as soon as FireFlow
// returns an id.
func createChangeRequestResource[M any, PM interface {
	*M
	changeRequestModel
}](ctx context.Context, clients *Clients, kind fireflow.Kind, label string, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer setChangeRequestIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	plan := PM(new(M))
	resp.Diagnostics.Append(req.Plan.Get(ctx, plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client, diags := clients.fireflowClient(plan.computed().Server.ValueString())
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	send, diags := plan.creator(ctx, client)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := plan.computed()
	resp.Diagnostics.Append(createChangeRequest(ctx, client, kind, label, plan.describe(), c, send,
		func() diag.Diagnostics { return saveCreated(ctx, req.Plan.Raw, c, &resp.State) })...)
}

func (c *changeRequestComputed) computed() *changeRequestComputed { return c }

// readChangeRequestResource refreshes the computed attributes only; after an import (no
// template yet) it also fills every input a read can recover.
func readChangeRequestResource[M any, PM interface {
	*M
	changeRequestModel
}](ctx context.Context, clients *Clients, kind fireflow.Kind, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer setChangeRequestIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics, &req.State)
	device := applianceOf(ctx, vendorFireFlow, req.State)
	if clients.keepUnmanaged(ctx, vendorFireFlow, device, &resp.Diagnostics) {
		return
	}
	client, diags := clients.fireflowClient(device.ValueString())
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	var prior map[string]tftypes.Value
	if err := req.State.Raw.As(&prior); err != nil {
		resp.Diagnostics.AddError("Reading the state failed", err.Error())
		return
	}
	if template := prior["template"]; !template.IsNull() {
		resp.Diagnostics.Append(refreshChangeRequest(ctx, client, kind, prior, &resp.State)...)
		return
	}
	state := PM(new(M))
	resp.Diagnostics.Append(req.State.Get(ctx, state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	cr, gone, diags := readChangeRequest(ctx, client, kind, state.computed())
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if gone {
		resp.State.RemoveResource(ctx)
		return
	}
	resp.Diagnostics.Append(state.recover(ctx, cr)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

// adoptConfiguration is the only update: after an import, the configured values of the
// inputs a read cannot recover enter the state; any other change replaces the resource.
func adoptConfiguration[M any](ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer setChangeRequestIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	plan := new(M)
	resp.Diagnostics.Append(req.Plan.Get(ctx, plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	resp.Diagnostics.Append(clearImported(ctx, resp.Private)...)
}

// serverDescription documents the server attribute of the FireFlow types: FireFlow's own
// word for the firewalls a request changes is device.
const serverDescription = "Name of the FireFlow server in the provider's `fireflow.devices`. Default: the block's own `host`. " +
	"An unknown name fails at plan time. Changing it replaces the object only when it names another server. " +
	"(FireFlow calls the firewalls a request changes devices, hence the name.)"

// planChangeRequest checks the FireFlow server a change request resource names before
// any request.
func planChangeRequest(ctx context.Context, clients *Clients, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	clients.modifyDevicePlan(ctx, vendorFireFlow, req, resp)
}

// forgetChangeRequest removes a request from the state with a warning naming it: FireFlow
// has no API to cancel one.
func forgetChangeRequest(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var c changeRequestComputed
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &c.ID)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("redirect_url"), &c.RedirectURL)...)
	resp.Diagnostics.Append(deleteWarning(&c)...)
}

// importChangeRequest takes the change request id ("device/id" on a named server), as the
// import id or the identity.
func importChangeRequest(ctx context.Context, clients *Clients, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	device, id, d := splitDeviceID(clients, vendorFireFlow, req.ID)
	if resp.Diagnostics.Append(d...); d.HasError() {
		return
	}
	req.ID = id
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("id"), changeRequestIdentityPath, req, resp)
	setImportedDevice(ctx, vendorFireFlow, device, resp)
	var c changeRequestComputed
	resp.Diagnostics.Append(resp.State.GetAttribute(ctx, path.Root("id"), &c.ID)...)
	if _, err := c.id(); err != nil && !resp.Diagnostics.HasError() {
		resp.Diagnostics.AddError("Invalid import id", err.Error()+".")
	}
	if resp.Diagnostics.HasError() {
		return
	}
	defer setChangeRequestIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	resp.Diagnostics.Append(markImported(ctx, resp.Private)...)
}

// fireflowDateValidator accepts the date forms FireFlow takes: YYYY-MM-DD, DD-MM-YYYY or
// MM-DD-YYYY (as the server's DateDayBeforeMonth option decides), and YYYY-MM-DD HH:MM:SS.
func fireflowDateValidator() validator.String {
	return predicateValidator{summary: "Invalid date", description: "a date as YYYY-MM-DD, DD-MM-YYYY, MM-DD-YYYY or YYYY-MM-DD HH:MM:SS", ok: validFireFlowDate}
}

var dayMonthYear = regexp.MustCompile(`^(\d{2})-(\d{2})-(\d{4})$`)

func validFireFlowDate(s string) bool {
	for _, layout := range []string{"2006-01-02", "2006-01-02 15:04:05"} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	m := dayMonthYear.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	// Either order must give a real date.
	_, errDM := time.Parse("02-01-2006", s)
	_, errMD := time.Parse("01-02-2006", s)
	return a > 0 && b > 0 && (errDM == nil || errMD == nil)
}

// serviceValue is a service definition: protocol/port, protocol/port-port or protocol/any.
var serviceValue = regexp.MustCompile(`(?i)^(tcp|udp|sctp|icmp|icmp6|ip|gre|esp|ah)/(any|\*|\d{1,5}(-\d{1,5})?)$`)

func validServiceValue(s string) bool {
	m := serviceValue.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	for _, p := range strings.Split(m[2], "-") {
		if n, err := strconv.Atoi(p); err == nil && n > 65535 {
			return false
		}
	}
	return true
}

// linuxFileNameValidator accepts 1-255 bytes without "/" or NUL, and not "." or "..".
func linuxFileNameValidator() validator.String {
	return predicateValidator{summary: "Invalid file name", description: "a Linux file name: 1 to 255 bytes, no / or NUL, not . or ..", quote: true, ok: func(s string) bool {
		return len(s) > 0 && len(s) <= 255 && !strings.ContainsAny(s, "/\x00") && s != "." && s != ".."
	}}
}

type base64Validator struct{}

func (base64Validator) Description(context.Context) string { return "standard base64" }

func (v base64Validator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v base64Validator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := base64.StdEncoding.DecodeString(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid base64", "content_base64 is not standard base64 ("+err.Error()+"); use base64encode() or filebase64().")
	}
}

// fieldsFromMap turns a map(list(string)) into fields named by key (custom fields) or by name.
func fieldsFromMap(ctx context.Context, m types.Map, diags diag.Diagnostics, byKey bool) ([]fireflow.Field, diag.Diagnostics) {
	if m.IsNull() || m.IsUnknown() {
		return nil, diags
	}
	var values map[string][]string
	diags.Append(m.ElementsAs(ctx, &values, false)...)
	out := make([]fireflow.Field, 0, len(values))
	for _, k := range sortedKeys(values) {
		f := fireflow.Field{Values: values[k]}
		if byKey {
			f.Key = k
		} else {
			f.Name = k
		}
		out = append(out, f)
	}
	return out, diags
}

func stringOf(m map[string]any, keys ...string) string {
	for _, k := range keys {
		if s, ok := m[k].(string); ok && s != "" {
			return s
		}
	}
	return ""
}

// replaceString is an optional string input that FireFlow cannot edit: changing it opens a new ticket.
func replaceString(desc string, validators ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: desc, Optional: true, Validators: validators,
		PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
	}
}
