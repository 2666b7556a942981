"""A validation error, seen from Python: the library's message must reach the caller as a Python
exception. scripts/smoke-python.ts runs this in the smoke test's virtualenv; it exits non-zero
(an AssertionError) when no exception comes or its message is not the library's."""
from aws_cdk import App, Stack
from cdk_connect_user import ConnectInstance, ConnectUser, RoutingProfile, SecurityProfile, UserIdentityInfo

app = App()
stack = Stack(app, "Invalid")
instance_arn = "arn:aws:connect:us-east-1:111122223333:instance/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"

try:
    ConnectUser(stack, "TooLong",
        instance=ConnectInstance.from_instance_arn(stack, "Instance", instance_arn),
        username="x" * 65,
        routing_profile=RoutingProfile.from_routing_profile_arn(stack, "Basic",
            instance_arn + "/routing-profile/b1c2d3e4-0000-1111-2222-EXAMPLE22222"),
        security_profiles=[SecurityProfile.from_security_profile_arn(stack, "Agent",
            instance_arn + "/security-profile/c1d2e3f4-3333-4444-5555-EXAMPLE33333")],
        identity_info=UserIdentityInfo(first_name="Too", last_name="Long", mobile="555-0100"),
    )
except Exception as error:  # jsii raises the JavaScript error as a Python exception
    message = str(error)
    print(f"{type(error).__module__}.{type(error).__name__}: {message}")
    expected = [
        "ConnectUser 'Invalid/TooLong' has 2 problems:",
        "username: '" + "x" * 65 + "' is 65 characters long; expected 1-64 (registry schema Username)",
        "identityInfo.mobile: '555-0100' is not an E.164 phone number",
    ]
    missing = [e for e in expected if e not in message]
    assert not missing, f"the exception's message lacks {missing}"
    assert isinstance(error, RuntimeError), f"expected a RuntimeError (jsii's error for a thrown JavaScript error), got {type(error)}"
    print("validation error surfaced as a Python exception with the library's message")
else:
    raise AssertionError("ConnectUser accepted a 65-character username and a non-E.164 mobile number")
