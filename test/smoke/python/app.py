"""The Python smoke test's app: what a Python user of the package writes.

scripts/smoke-python.ts copies this folder and ../agents.csv into a fresh directory outside the
repository, with a virtualenv holding aws-cdk-lib from PyPI and the built wheel, and runs
`cdk synth --app "python3 app.py"`. It then lints every template with cfn-lint and counts the
AWS::Connect::User resources: 3 in the stack "Agents" and 3 in the roster's nested stacks.

quickstart.py is the README's Python quick start: jsii-rosetta's translation of the TypeScript one,
written by `npx projen readme:python` and imported here unchanged.
"""
import os

from aws_cdk import Environment, Stack, aws_iam as iam
from cdk_connect_user import (
    ConnectInstance, ConnectUser, ConnectUserRoster, IdentityManagementType, PhoneConfig,
    ProficiencyLevel, RoutingProfile, SecurityProfile, UserHierarchyGroup, UserIdentityInfo,
    UserPassword, UserProficiency,
)

# The quick start runs on import: the App, the stack "Agents" and the agent JohnDoe.
from quickstart import agent, app, instance, instance_arn, routing_profile, stack

# An advanced agent: desk phone, identity info, hierarchy group, proficiencies (struct and factories).
jane = ConnectUser(stack, "JaneSmith",
    instance=instance,
    username="jane.smith",
    routing_profile=routing_profile,
    security_profiles=[agent],
    phone_config=PhoneConfig.desk_phone("+15555559876", auto_accept=False),
    identity_info=UserIdentityInfo(
        first_name="Jane",
        last_name="Smith",
        email="jane.smith@example.com",
        mobile="+15555550111",
    ),
    hierarchy_group=UserHierarchyGroup.from_user_hierarchy_group_arn(stack, "Sales",
        instance_arn + "/agent-group/d1e2f3a4-6666-7777-8888-EXAMPLE44444"),
    proficiencies=[UserProficiency.of("Language", "English", ProficiencyLevel.FIVE)],
)
jane.add_proficiency(UserProficiency.of("Language", "Spanish", ProficiencyLevel.of(3)))
jane.add_security_profile(SecurityProfile.from_security_profile_arn(stack, "Supervisor",
    instance_arn + "/security-profile/c1d2e3f4-3333-4444-5555-EXAMPLE33334"))
assert jane.username == "jane.smith", jane.username

# An agent made in the console, adopted (imported by `cdk import`, retained by default).
existing = ConnectUser(stack, "Existing",
    instance=instance,
    username="existing.agent",
    routing_profile=routing_profile,
    security_profiles=[agent],
    identity_info=UserIdentityInfo(first_name="Existing", last_name="Agent"),
    adopt=True,
    existing_user_arn=instance_arn + "/agent/f1a2b3c4-aaaa-bbbb-cccc-EXAMPLE00000",
)
assert existing.adopted is True, existing.adopted

# A roster from Amazon Connect's bulk-upload CSV on a CONNECT_MANAGED instance, a generated
# password (a Secrets Manager secret) per agent, spread over two nested stacks.
roster_stack = Stack(app, "Roster", env=Environment(account="111122223333", region="us-east-1"))
managed = ConnectInstance.from_instance_attributes(roster_stack, "Instance",
    instance_arn=instance_arn, identity_management_type=IdentityManagementType.CONNECT_MANAGED)
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "agents.csv"), encoding="utf-8") as f:
    csv = f.read()
roster = ConnectUserRoster(roster_stack, "Roster",
    instance=managed,
    csv=csv,
    routing_profiles={"Basic": RoutingProfile.from_routing_profile_arn(roster_stack, "Basic",
        instance_arn + "/routing-profile/b1c2d3e4-0000-1111-2222-EXAMPLE22222")},
    security_profiles={
        "Agent": SecurityProfile.from_security_profile_arn(roster_stack, "Agent",
            instance_arn + "/security-profile/c1d2e3f4-3333-4444-5555-EXAMPLE33333"),
        "Supervisor": SecurityProfile.from_security_profile_arn(roster_stack, "Supervisor",
            instance_arn + "/security-profile/c1d2e3f4-3333-4444-5555-EXAMPLE33334"),
    },
    hierarchy_groups={"support": UserHierarchyGroup.from_user_hierarchy_group_arn(roster_stack, "Support",
        instance_arn + "/agent-group/d1e2f3a4-6666-7777-8888-EXAMPLE44444")},
    passwords=UserPassword.generate(),
    shard_count=2,
    tags={"Source": "bulk-upload"},
)
assert sorted(roster.cfn_users.keys()) == ["ana.lima", "ben.okafor", "chen.wei"], sorted(roster.cfn_users.keys())
auditor = iam.Role(roster_stack, "Auditor", assumed_by=iam.AccountRootPrincipal())
roster.user("ben.okafor").grant_read(auditor)

app.synth()
