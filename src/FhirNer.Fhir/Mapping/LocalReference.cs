using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace FhirNer.Fhir.Mapping;

/// <summary>
/// A reference to a resource on FhirNer's own FHIR server as the server's searches match it:
/// relative and unversioned (<c>Patient/P</c>). A note may name its patient as <c>Patient/P</c>,
/// <c>{base}/Patient/P</c> or <c>Patient/P/_history/1</c>; copied verbatim, the three gave three
/// spellings of one patient, so <c>Condition?patient=Patient/P</c> found one finding in three and the
/// registry feed three records (a tester's find). A trailing slash (<c>Patient/P/</c>) is the same
/// patient too (a tester's find).
/// </summary>
/// <remarks>
/// An absolute reference is made relative only when its base is the FHIR server's (scheme and host
/// compared without case, port as given or defaulted, path with or without a trailing slash); one
/// to another server, a <c>urn:</c>, a contained <c>#id</c> and anything that is not
/// <c>[base/]Type/id[/_history/v][/]</c> are left as they are. Parsed with Firely's
/// <see cref="ResourceIdentity"/>; see <see href="https://hl7.org/fhir/R4/references.html#literal"/>.
/// </remarks>
public static class LocalReference
{
    /// <summary>
    /// <paramref name="reference"/> as <c>Type/id</c> when it names a resource on <paramref name="serverBase"/>
    /// (absolute on that base, or relative) and is versioned or absolute; else <paramref name="reference"/> unchanged.
    /// </summary>
    /// <param name="reference">A literal reference, <c>[base/]Type/id[/_history/v][/]</c> or anything else.</param>
    /// <param name="serverBase">The FHIR server's base URL; <c>null</c> (no server, a preview) only drops a relative reference's version.</param>
    public static string Normalize(string reference, Uri? serverBase)
    {
        ArgumentNullException.ThrowIfNull(reference);
        // Trailing slashes name the same resource: Firely drops them from an absolute reference but
        // kept a relative Patient/P/ whole, which no search for Patient/P matched.
        var trimmed = reference.TrimEnd('/');
        if (trimmed.Length == 0 || reference.StartsWith('#') || !Uri.TryCreate(trimmed, UriKind.RelativeOrAbsolute, out var uri))
            return reference;
        ResourceIdentity identity;
        try
        {
            identity = new ResourceIdentity(uri);
        }
        catch (ArgumentException)
        {
            return reference;
        }

        if (string.IsNullOrEmpty(identity.ResourceType) || string.IsNullOrEmpty(identity.Id))
            return reference;
        var local = identity.IsRelativeRestUrl || (serverBase is not null && identity.BaseUri is { } referenceBase && SameBase(referenceBase, serverBase));
        if (!local)
            return reference;
        return identity.IsRelativeRestUrl && !identity.HasVersion ? trimmed : ResourceIdentity.Build(identity.ResourceType, identity.Id).ToString();
    }

    /// <summary>A copy of <paramref name="reference"/> whose <c>reference</c> is <see cref="Normalize(string, Uri?)"/>d (type, identifier and display kept); <c>null</c> for <c>null</c>.</summary>
    public static ResourceReference? Normalize(ResourceReference? reference, Uri? serverBase)
    {
        if (reference?.Reference is not { } literal)
            return reference;
        var normalized = Normalize(literal, serverBase);
        if (string.Equals(normalized, literal, StringComparison.Ordinal))
            return reference;
        var copy = (ResourceReference)reference.DeepCopy();
        copy.Reference = normalized;
        return copy;
    }

    // Scheme, host and port without case (Uri lowercases them); the path as written, trailing slash aside.
    private static bool SameBase(Uri referenceBase, Uri serverBase) =>
        referenceBase.IsAbsoluteUri && serverBase.IsAbsoluteUri
        && Uri.Compare(referenceBase, serverBase, UriComponents.SchemeAndServer, UriFormat.SafeUnescaped, StringComparison.OrdinalIgnoreCase) == 0
        && string.Equals(referenceBase.AbsolutePath.TrimEnd('/'), serverBase.AbsolutePath.TrimEnd('/'), StringComparison.Ordinal);
}
