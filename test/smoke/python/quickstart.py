from aws_cdk import Environment
from aws_cdk import App, Duration, Stack
from cdk_connect_user import ConnectInstance, ConnectUser, PhoneConfig, RoutingProfile, SecurityProfile

app = App()
stack = Stack(app, "Agents", env=Environment(account="111122223333", region="us-east-1"))

instance_arn = "arn:aws:connect:us-east-1:111122223333:instance/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
instance = ConnectInstance.from_instance_arn(stack, "Instance", instance_arn)
routing_profile = RoutingProfile.from_routing_profile_arn(stack, "Basic", instance_arn + "/routing-profile/b1c2d3e4-0000-1111-2222-EXAMPLE22222")
agent = SecurityProfile.from_security_profile_arn(stack, "Agent", instance_arn + "/security-profile/c1d2e3f4-3333-4444-5555-EXAMPLE33333")

ConnectUser(stack, "JohnDoe",
    instance=instance,
    username="john.doe",
    routing_profile=routing_profile,
    security_profiles=[agent],
    phone_config=PhoneConfig.soft_phone(auto_accept=True, after_contact_work_time_limit=Duration.seconds(0)),
    tags={"Department": "Sales", "Location": "New York"}
)
