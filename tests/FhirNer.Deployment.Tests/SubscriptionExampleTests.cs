using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace FhirNer.Deployment.Tests;

/// <summary>The example Subscriptions in fhir-profiles/ are R4 resources ready to POST, pointing at FhirNer's route.</summary>
public sealed class SubscriptionExampleTests
{
    [Theory]
    [InlineData("Subscription-rest-hook.json", "DocumentReference?status=current", null)]
    [InlineData("Subscription-medplum.json", "DocumentReference?status=current", "https://www.medplum.com/fhir/StructureDefinition/subscription-secret")]
    [InlineData("Subscription-backport-id-only.json", "http://hl7.org/fhir/us/core/SubscriptionTopic/patient-data-feed", null)]
    public void GivenAnExample_WhenParsedStrictly_ThenItIsARestHookSubscriptionToTheNotifyRoute(string file, string criteria, string? extension)
    {
        var json = File.ReadAllText(Path.Combine(FhirTestServer.RepositoryRoot, "fhir-profiles", "examples", "subscriptions", file));

        var subscription = new FhirJsonDeserializer(new DeserializerSettings()).Deserialize<Subscription>(json);

        subscription.Criteria.Should().Be(criteria);
        subscription.Channel.Type.Should().Be(Subscription.SubscriptionChannelType.RestHook);
        subscription.Channel.Endpoint.Should().EndWith("/api/fhir/notify");
        subscription.Channel.Payload.Should().Be("application/fhir+json");
        if (extension is not null)
            subscription.Extension.Should().Contain(e => e.Url == extension);
    }

    [Fact]
    public void GivenTheBackportExample_WhenParsed_ThenItAsksForIdOnlyNotifications()
    {
        var json = File.ReadAllText(Path.Combine(FhirTestServer.RepositoryRoot, "fhir-profiles", "examples", "subscriptions", "Subscription-backport-id-only.json"));

        var subscription = new FhirJsonDeserializer(new DeserializerSettings()).Deserialize<Subscription>(json);

        subscription.Channel.PayloadElement!.Extension.Single(e => e.Url!.EndsWith("backport-payload-content", StringComparison.Ordinal)).Value!.ToString().Should().Be("id-only");
        subscription.CriteriaElement!.Extension.Single().Value!.ToString().Should().Be("DocumentReference?status=current");
    }
}
