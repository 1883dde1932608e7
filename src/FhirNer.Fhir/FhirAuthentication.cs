namespace FhirNer.Fhir;

/// <summary>How FhirNer authenticates to the FHIR server.</summary>
public enum FhirAuthentication
{
    /// <summary>No credentials (a server inside the cluster, a test server).</summary>
    None,

    /// <summary>A static bearer token from configuration.</summary>
    BearerToken,

    /// <summary>OAuth2 client credentials: a token fetched from the token URL and renewed before it expires.</summary>
    ClientCredentials,

    /// <summary>Azure managed identity (the Functions app on Azure): resolved by the host.</summary>
    ManagedIdentity,
}
