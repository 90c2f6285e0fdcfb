package loginsightmock

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
)

func randomBytes(n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand documents that Read never fails
	}
	return b
}

// newUUID returns a random (version 4) UUID.
func newUUID() string {
	b := randomBytes(16)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// newSessionID returns an opaque id that always holds '+', '/' and '=': the
// product's ids may, and clients must send them as they are (loginsight.md section 2).
func newSessionID() string {
	id := []byte(base64.StdEncoding.EncodeToString(randomBytes(32))) // 44 characters, the last '='
	id[7], id[21] = '+', '/'
	return string(id)
}
