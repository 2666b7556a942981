package smoke;

import io.github.cdkconnectuser.connectuser.ConnectInstance;
import io.github.cdkconnectuser.connectuser.ConnectInstanceAttributes;
import io.github.cdkconnectuser.connectuser.ConnectUser;
import io.github.cdkconnectuser.connectuser.ConnectUserRoster;
import io.github.cdkconnectuser.connectuser.IConnectInstance;
import io.github.cdkconnectuser.connectuser.IdentityManagementType;
import io.github.cdkconnectuser.connectuser.PhoneConfig;
import io.github.cdkconnectuser.connectuser.PhoneConfigOptions;
import io.github.cdkconnectuser.connectuser.ProficiencyLevel;
import io.github.cdkconnectuser.connectuser.RoutingProfile;
import io.github.cdkconnectuser.connectuser.SecurityProfile;
import io.github.cdkconnectuser.connectuser.UserHierarchyGroup;
import io.github.cdkconnectuser.connectuser.UserIdentityInfo;
import io.github.cdkconnectuser.connectuser.UserPassword;
import io.github.cdkconnectuser.connectuser.UserProficiency;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.interfaces.connect.IRoutingProfileRef;
import software.amazon.awscdk.interfaces.connect.ISecurityProfileRef;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.Role;

/**
 * The Java smoke test's app (scripts/smoke-java.ts runs it with `cdk synth`): the README's quick start
 * in Java, continued as the Python smoke app is, with an advanced agent, an adopted agent and a roster
 * from the bulk-upload CSV. 3 AWS::Connect::User in the stack "Agents", 3 in the roster's nested stacks.
 */
public final class SmokeApp {
    private SmokeApp() {
    }

    public static void main(final String[] args) throws IOException {
        final Environment env = Environment.builder().account("111122223333").region("us-east-1").build();

        // The README's quick start.
        final App app = new App();
        final Stack stack = new Stack(app, "Agents", StackProps.builder().env(env).build());

        final String instanceArn = "arn:aws:connect:us-east-1:111122223333:instance/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111";
        final IConnectInstance instance = ConnectInstance.fromInstanceArn(stack, "Instance", instanceArn);
        final IRoutingProfileRef routingProfile = RoutingProfile.fromRoutingProfileArn(stack, "Basic",
                instanceArn + "/routing-profile/b1c2d3e4-0000-1111-2222-EXAMPLE22222");
        final ISecurityProfileRef agent = SecurityProfile.fromSecurityProfileArn(stack, "Agent",
                instanceArn + "/security-profile/c1d2e3f4-3333-4444-5555-EXAMPLE33333");

        ConnectUser.Builder.create(stack, "JohnDoe")
                .instance(instance)
                .username("john.doe")
                .routingProfile(routingProfile)
                .securityProfiles(List.of(agent))
                .phoneConfig(PhoneConfig.softPhone(PhoneConfigOptions.builder()
                        .autoAccept(true).afterContactWorkTimeLimit(Duration.seconds(0)).build()))
                .tags(Map.of("Department", "Sales", "Location", "New York"))
                .build();

        // An advanced agent: desk phone, identity info, hierarchy group, proficiencies.
        final ConnectUser jane = ConnectUser.Builder.create(stack, "JaneSmith")
                .instance(instance)
                .username("jane.smith")
                .routingProfile(routingProfile)
                .securityProfiles(List.of(agent))
                .phoneConfig(PhoneConfig.deskPhone("+15555559876", PhoneConfigOptions.builder().autoAccept(false).build()))
                .identityInfo(UserIdentityInfo.builder()
                        .firstName("Jane").lastName("Smith").email("jane.smith@example.com").mobile("+15555550111").build())
                .hierarchyGroup(UserHierarchyGroup.fromUserHierarchyGroupArn(stack, "Sales",
                        instanceArn + "/agent-group/d1e2f3a4-6666-7777-8888-EXAMPLE44444"))
                .proficiencies(List.of(UserProficiency.of("Language", "English", ProficiencyLevel.FIVE)))
                .build();
        jane.addProficiency(UserProficiency.of("Language", "Spanish", ProficiencyLevel.of(3)));
        jane.addSecurityProfile(SecurityProfile.fromSecurityProfileArn(stack, "Supervisor",
                instanceArn + "/security-profile/c1d2e3f4-3333-4444-5555-EXAMPLE33334"));
        check("jane.smith".equals(jane.getUsername()), "username " + jane.getUsername());

        // An agent made in the console, adopted.
        final ConnectUser existing = ConnectUser.Builder.create(stack, "Existing")
                .instance(instance)
                .username("existing.agent")
                .routingProfile(routingProfile)
                .securityProfiles(List.of(agent))
                .identityInfo(UserIdentityInfo.builder().firstName("Existing").lastName("Agent").build())
                .adopt(true)
                .existingUserArn(instanceArn + "/agent/f1a2b3c4-aaaa-bbbb-cccc-EXAMPLE00000")
                .build();
        check(existing.getAdopted(), "adopted " + existing.getAdopted());

        // A roster from the bulk-upload CSV on a CONNECT_MANAGED instance, with generated passwords.
        final Stack rosterStack = new Stack(app, "Roster", StackProps.builder().env(env).build());
        final IConnectInstance managed = ConnectInstance.fromInstanceAttributes(rosterStack, "Instance",
                ConnectInstanceAttributes.builder()
                        .instanceArn(instanceArn).identityManagementType(IdentityManagementType.CONNECT_MANAGED).build());
        final String csv = Files.readString(Path.of("agents.csv"), StandardCharsets.UTF_8);
        final ConnectUserRoster roster = ConnectUserRoster.Builder.create(rosterStack, "Roster")
                .instance(managed)
                .csv(csv)
                .routingProfiles(Map.of("Basic", RoutingProfile.fromRoutingProfileArn(rosterStack, "Basic",
                        instanceArn + "/routing-profile/b1c2d3e4-0000-1111-2222-EXAMPLE22222")))
                .securityProfiles(Map.of(
                        "Agent", SecurityProfile.fromSecurityProfileArn(rosterStack, "Agent",
                                instanceArn + "/security-profile/c1d2e3f4-3333-4444-5555-EXAMPLE33333"),
                        "Supervisor", SecurityProfile.fromSecurityProfileArn(rosterStack, "Supervisor",
                                instanceArn + "/security-profile/c1d2e3f4-3333-4444-5555-EXAMPLE33334")))
                .hierarchyGroups(Map.of("support", UserHierarchyGroup.fromUserHierarchyGroupArn(rosterStack, "Support",
                        instanceArn + "/agent-group/d1e2f3a4-6666-7777-8888-EXAMPLE44444")))
                .passwords(UserPassword.generate())
                .shardCount(2)
                .tags(Map.of("Source", "bulk-upload"))
                .build();
        final TreeSet<String> usernames = new TreeSet<>(roster.getCfnUsers().keySet());
        check(usernames.equals(new TreeSet<>(List.of("ana.lima", "ben.okafor", "chen.wei"))), "roster usernames " + usernames);
        final Role auditor = Role.Builder.create(rosterStack, "Auditor").assumedBy(new AccountRootPrincipal()).build();
        roster.user("ben.okafor").grantRead(auditor);

        app.synth();
    }

    private static void check(final boolean condition, final String what) {
        if (!condition) {
            throw new IllegalStateException("unexpected " + what);
        }
    }
}
