package serve

import (
	"os"
	"strings"
)

// quietUnlessAsked keeps the plugin from writing logs nobody asked for. The SDK logs
// everything at TRACE to stderr, which Terraform parses and then discards unless TF_LOG
// is set; that costs Terraform more CPU than the provider's work. When no TF_LOG*
// variable is set, only warnings and errors are emitted. Any TF_LOG* variable leaves the
// levels as Terraform's logging documentation describes.
func quietUnlessAsked() {
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "TF_LOG") {
			return
		}
	}
	for _, name := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_NETOPS"} {
		_ = os.Setenv(name, "WARN")
	}
}
