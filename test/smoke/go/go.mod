// The Go smoke test's app. scripts/smoke-go.ts copies this folder into a fresh directory outside the
// repository, points the package at the build's dist/go with a replace directive, sets the aws-cdk-go
// version it tests, and lets `go mod tidy` fetch the rest from the Go module proxy.
module smoke

go 1.25

require (
	github.com/aws/aws-cdk-go/awscdk/v2 v2.239.0
	github.com/aws/constructs-go/constructs/v10 v10.5.1
	github.com/aws/jsii-runtime-go v1.140.0
	github.com/cdk-connect-user/cdk-connect-user-go/cdkconnectuser v0.0.0
)

replace github.com/cdk-connect-user/cdk-connect-user-go/cdkconnectuser => ../../../dist/go/cdkconnectuser
