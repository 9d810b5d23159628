import factory

from programme.choices import GroupLevel
from programme.models import Constituency, GovernanceGroup, Organisation


class ConstituencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Constituency
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"SEAT_{n}")
    name = factory.Sequence(lambda n: f"Constituency {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Party {n} Ltd")
    constituency = factory.SubFactory(ConstituencyFactory)


class GovernanceGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GovernanceGroup
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"G{n}")
    name = factory.Sequence(lambda n: f"Group {n}")
    level = GroupLevel.ADVISORY
    parent = None
