package main

import (
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/interfaces/interfacesawsconnect"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk-connect-user/cdk-connect-user-go/cdkconnectuser"
)

// validation: a validation error, seen from Go. jsii turns the library's error into a panic; the
// library's message must be in it. Returns the exit code: 1 when no panic comes or its message is not
// the library's.
func validation() (code int) {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Invalid"), nil)
	defer func() {
		recovered := recover()
		if recovered == nil {
			fmt.Println("ConnectUser accepted a 65-character username and a non-E.164 mobile number")
			code = 1
			return
		}
		message := fmt.Sprint(recovered)
		fmt.Printf("%T: %s\n", recovered, message)
		for _, expected := range []string{
			"ConnectUser 'Invalid/TooLong' has 2 problems:",
			"username: '" + strings.Repeat("x", 65) + "' is 65 characters long; expected 1-64 (registry schema Username)",
			"identityInfo.mobile: '555-0100' is not an E.164 phone number",
		} {
			if !strings.Contains(message, expected) {
				fmt.Println("the panic's message lacks: " + expected)
				code = 1
				return
			}
		}
		fmt.Println("validation error surfaced as a Go panic with the library's message")
		code = 0
	}()
	cdkconnectuser.NewConnectUser(stack, jsii.String("TooLong"), &cdkconnectuser.ConnectUserProps{
		Instance: cdkconnectuser.ConnectInstance_FromInstanceArn(stack, jsii.String("Instance"), jsii.String(instanceArn)),
		Username: jsii.String(strings.Repeat("x", 65)),
		RoutingProfile: cdkconnectuser.RoutingProfile_FromRoutingProfileArn(stack, jsii.String("Basic"),
			jsii.String(instanceArn+"/routing-profile/b1c2d3e4-0000-1111-2222-EXAMPLE22222")),
		SecurityProfiles: &[]interfacesawsconnect.ISecurityProfileRef{
			cdkconnectuser.SecurityProfile_FromSecurityProfileArn(stack, jsii.String("Agent"),
				jsii.String(instanceArn+"/security-profile/c1d2e3f4-3333-4444-5555-EXAMPLE33333")),
		},
		IdentityInfo: &cdkconnectuser.UserIdentityInfo{
			FirstName: jsii.String("Too"), LastName: jsii.String("Long"), Mobile: jsii.String("555-0100"),
		},
	})
	return 1
}
