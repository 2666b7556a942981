package smoke;

import io.github.cdkconnectuser.connectuser.ConnectInstance;
import io.github.cdkconnectuser.connectuser.ConnectUser;
import io.github.cdkconnectuser.connectuser.RoutingProfile;
import io.github.cdkconnectuser.connectuser.SecurityProfile;
import io.github.cdkconnectuser.connectuser.UserIdentityInfo;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;

/**
 * A validation error, seen from Java: the library's message must reach the caller as an exception.
 * Exits 1 when no exception comes or its message is not the library's.
 */
public final class Validation {
    private Validation() {
    }

    public static void main(final String[] args) {
        final App app = new App();
        final Stack stack = new Stack(app, "Invalid");
        final String instanceArn = "arn:aws:connect:us-east-1:111122223333:instance/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111";
        try {
            ConnectUser.Builder.create(stack, "TooLong")
                    .instance(ConnectInstance.fromInstanceArn(stack, "Instance", instanceArn))
                    .username("x".repeat(65))
                    .routingProfile(RoutingProfile.fromRoutingProfileArn(stack, "Basic",
                            instanceArn + "/routing-profile/b1c2d3e4-0000-1111-2222-EXAMPLE22222"))
                    .securityProfiles(List.of(SecurityProfile.fromSecurityProfileArn(stack, "Agent",
                            instanceArn + "/security-profile/c1d2e3f4-3333-4444-5555-EXAMPLE33333")))
                    .identityInfo(UserIdentityInfo.builder().firstName("Too").lastName("Long").mobile("555-0100").build())
                    .build();
        } catch (RuntimeException error) {
            final String message = String.valueOf(error.getMessage());
            System.out.println(error.getClass().getName() + ": " + message);
            final List<String> expected = List.of(
                    "ConnectUser 'Invalid/TooLong' has 2 problems:",
                    "username: '" + "x".repeat(65) + "' is 65 characters long; expected 1-64 (registry schema Username)",
                    "identityInfo.mobile: '555-0100' is not an E.164 phone number");
            for (final String e : expected) {
                if (!message.contains(e)) {
                    System.out.println("the exception's message lacks: " + e);
                    System.exit(1);
                }
            }
            System.out.println("validation error surfaced as a Java exception with the library's message");
            return;
        }
        System.out.println("ConnectUser accepted a 65-character username and a non-E.164 mobile number");
        System.exit(1);
    }
}
