"""Change-control factories. They write rows directly (no lifecycle checks), to put a CR in any state a test
needs; tests of the lifecycle itself go through changes.services."""

import factory

from changes.choices import ChangeStage, ChangeStatus, ChangeType, ImpactResponseChoice
from changes.models import ChangeRequest, ImpactResponse
from core.choices import Classification
from tests.programme.factories import OrganisationFactory


class ChangeRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChangeRequest
        django_get_or_create = ("ref",)
        skip_postgeneration_save = True

    ref = factory.Sequence(lambda n: f"CR{900 + n}")
    title = factory.Sequence(lambda n: f"Change request number {n}")
    description = "A change to the programme."
    change_type = ChangeType.FULL_IMPACT_ASSESSMENT
    status = ChangeStatus.OPEN
    stage = ChangeStage.RAISED
    latest_action = "Raised"
    classification = Classification.PUBLIC
    raised_on = factory.Faker("date_between", start_date="-30d", end_date="today")

    @factory.post_generation
    def mutually_exclusive_with(self, create, extracted, **kwargs):
        if create and extracted:
            self.mutually_exclusive_with.set(extracted)

    @factory.post_generation
    def ia_constituencies(self, create, extracted, **kwargs):
        if create and extracted:
            self.ia_constituencies.set(extracted)


class ImpactResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImpactResponse

    change_request = factory.SubFactory(
        ChangeRequestFactory, stage=ChangeStage.IMPACT_ASSESSMENT, latest_action="Issued for Impact Assessment"
    )
    organisation = factory.SubFactory(OrganisationFactory)
    response = ImpactResponseChoice.SUPPORT
    comments = ""
