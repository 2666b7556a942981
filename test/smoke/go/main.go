// The Go smoke test's app (scripts/smoke-go.ts runs it with `cdk synth`): the README's quick start in
// Go, continued as the Python smoke app is, with an advanced agent, an adopted agent and a roster from
// the bulk-upload CSV. 3 AWS::Connect::User in the stack "Agents", 3 in the roster's nested stacks.
// `smoke validation` runs validation.go instead.
package main

import (
	"fmt"
	"os"
	"reflect"
	"sort"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/interfaces/interfacesawsconnect"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk-connect-user/cdk-connect-user-go/cdkconnectuser"
)

const instanceArn = "arn:aws:connect:us-east-1:111122223333:instance/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"

func main() {
	os.Exit(run())
}

func run() int {
	// Ends the jsii runtime's Node.js process, also when the app panics.
	defer jsii.Close()
	if len(os.Args) > 1 && os.Args[1] == "validation" {
		return validation()
	}

	env := &awscdk.Environment{Account: jsii.String("111122223333"), Region: jsii.String("us-east-1")}

	// The README's quick start.
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Agents"), &awscdk.StackProps{Env: env})

	instance := cdkconnectuser.ConnectInstance_FromInstanceArn(stack, jsii.String("Instance"), jsii.String(instanceArn))
	routingProfile := cdkconnectuser.RoutingProfile_FromRoutingProfileArn(stack, jsii.String("Basic"),
		jsii.String(instanceArn+"/routing-profile/b1c2d3e4-0000-1111-2222-EXAMPLE22222"))
	agent := cdkconnectuser.SecurityProfile_FromSecurityProfileArn(stack, jsii.String("Agent"),
		jsii.String(instanceArn+"/security-profile/c1d2e3f4-3333-4444-5555-EXAMPLE33333"))

	cdkconnectuser.NewConnectUser(stack, jsii.String("JohnDoe"), &cdkconnectuser.ConnectUserProps{
		Instance:         instance,
		Username:         jsii.String("john.doe"),
		RoutingProfile:   routingProfile,
		SecurityProfiles: &[]interfacesawsconnect.ISecurityProfileRef{agent},
		PhoneConfig: cdkconnectuser.PhoneConfig_SoftPhone(&cdkconnectuser.PhoneConfigOptions{
			AutoAccept:                jsii.Bool(true),
			AfterContactWorkTimeLimit: awscdk.Duration_Seconds(jsii.Number(0)),
		}),
		Tags: &map[string]*string{"Department": jsii.String("Sales"), "Location": jsii.String("New York")},
	})

	// An advanced agent: desk phone, identity info, hierarchy group, proficiencies.
	jane := cdkconnectuser.NewConnectUser(stack, jsii.String("JaneSmith"), &cdkconnectuser.ConnectUserProps{
		Instance:         instance,
		Username:         jsii.String("jane.smith"),
		RoutingProfile:   routingProfile,
		SecurityProfiles: &[]interfacesawsconnect.ISecurityProfileRef{agent},
		PhoneConfig: cdkconnectuser.PhoneConfig_DeskPhone(jsii.String("+15555559876"),
			&cdkconnectuser.PhoneConfigOptions{AutoAccept: jsii.Bool(false)}),
		IdentityInfo: &cdkconnectuser.UserIdentityInfo{
			FirstName: jsii.String("Jane"),
			LastName:  jsii.String("Smith"),
			Email:     jsii.String("jane.smith@example.com"),
			Mobile:    jsii.String("+15555550111"),
		},
		HierarchyGroup: cdkconnectuser.UserHierarchyGroup_FromUserHierarchyGroupArn(stack, jsii.String("Sales"),
			jsii.String(instanceArn+"/agent-group/d1e2f3a4-6666-7777-8888-EXAMPLE44444")),
		Proficiencies: &[]cdkconnectuser.UserProficiency{
			cdkconnectuser.UserProficiency_Of(jsii.String("Language"), jsii.String("English"), cdkconnectuser.ProficiencyLevel_FIVE()),
		},
	})
	jane.AddProficiency(cdkconnectuser.UserProficiency_Of(jsii.String("Language"), jsii.String("Spanish"),
		cdkconnectuser.ProficiencyLevel_Of(jsii.Number(3))))
	jane.AddSecurityProfile(cdkconnectuser.SecurityProfile_FromSecurityProfileArn(stack, jsii.String("Supervisor"),
		jsii.String(instanceArn+"/security-profile/c1d2e3f4-3333-4444-5555-EXAMPLE33334")))
	check(*jane.Username() == "jane.smith", "username "+*jane.Username())

	// An agent made in the console, adopted.
	existing := cdkconnectuser.NewConnectUser(stack, jsii.String("Existing"), &cdkconnectuser.ConnectUserProps{
		Instance:         instance,
		Username:         jsii.String("existing.agent"),
		RoutingProfile:   routingProfile,
		SecurityProfiles: &[]interfacesawsconnect.ISecurityProfileRef{agent},
		IdentityInfo:     &cdkconnectuser.UserIdentityInfo{FirstName: jsii.String("Existing"), LastName: jsii.String("Agent")},
		Adopt:            jsii.Bool(true),
		ExistingUserArn:  jsii.String(instanceArn + "/agent/f1a2b3c4-aaaa-bbbb-cccc-EXAMPLE00000"),
	})
	check(*existing.Adopted(), "adopted false")

	// A roster from the bulk-upload CSV on a CONNECT_MANAGED instance, with generated passwords.
	rosterStack := awscdk.NewStack(app, jsii.String("Roster"), &awscdk.StackProps{Env: env})
	managed := cdkconnectuser.ConnectInstance_FromInstanceAttributes(rosterStack, jsii.String("Instance"),
		&cdkconnectuser.ConnectInstanceAttributes{
			InstanceArn:            jsii.String(instanceArn),
			IdentityManagementType: cdkconnectuser.IdentityManagementType_CONNECT_MANAGED,
		})
	csv, err := os.ReadFile("agents.csv")
	if err != nil {
		panic(err)
	}
	roster := cdkconnectuser.NewConnectUserRoster(rosterStack, jsii.String("Roster"), &cdkconnectuser.ConnectUserRosterProps{
		Instance: managed,
		Csv:      jsii.String(string(csv)),
		RoutingProfiles: &map[string]interfacesawsconnect.IRoutingProfileRef{
			"Basic": cdkconnectuser.RoutingProfile_FromRoutingProfileArn(rosterStack, jsii.String("Basic"),
				jsii.String(instanceArn+"/routing-profile/b1c2d3e4-0000-1111-2222-EXAMPLE22222")),
		},
		SecurityProfiles: &map[string]interfacesawsconnect.ISecurityProfileRef{
			"Agent": cdkconnectuser.SecurityProfile_FromSecurityProfileArn(rosterStack, jsii.String("Agent"),
				jsii.String(instanceArn+"/security-profile/c1d2e3f4-3333-4444-5555-EXAMPLE33333")),
			"Supervisor": cdkconnectuser.SecurityProfile_FromSecurityProfileArn(rosterStack, jsii.String("Supervisor"),
				jsii.String(instanceArn+"/security-profile/c1d2e3f4-3333-4444-5555-EXAMPLE33334")),
		},
		HierarchyGroups: &map[string]interfacesawsconnect.IUserHierarchyGroupRef{
			"support": cdkconnectuser.UserHierarchyGroup_FromUserHierarchyGroupArn(rosterStack, jsii.String("Support"),
				jsii.String(instanceArn+"/agent-group/d1e2f3a4-6666-7777-8888-EXAMPLE44444")),
		},
		Passwords:  cdkconnectuser.UserPassword_Generate(nil),
		ShardCount: jsii.Number(2),
		Tags:       &map[string]*string{"Source": jsii.String("bulk-upload")},
	})
	usernames := []string{}
	for name := range *roster.CfnUsers() {
		usernames = append(usernames, name)
	}
	sort.Strings(usernames)
	check(reflect.DeepEqual(usernames, []string{"ana.lima", "ben.okafor", "chen.wei"}), fmt.Sprint("roster usernames ", usernames))
	auditor := awsiam.NewRole(rosterStack, jsii.String("Auditor"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	roster.User(jsii.String("ben.okafor")).GrantRead(auditor)

	app.Synth(nil)
	return 0
}

func check(condition bool, what string) {
	if !condition {
		panic("unexpected " + what)
	}
}
