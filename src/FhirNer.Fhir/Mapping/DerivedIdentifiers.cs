using FhirNer.Fhir.Serialization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace FhirNer.Fhir.Mapping;

/// <summary>
/// The deterministic identifiers of what FhirNer writes: the same document version, code and
/// kind always give the same identifier, so a conditional create never duplicates.
/// </summary>
/// <param name="System">The identifier system (configuration).</param>
public sealed record DerivedIdentifiers(string System)
{
    /// <summary>The system of the identifier naming the source document (all versions).</summary>
    public string SourceDocumentSystem => System + "/source-document";

    /// <summary><c>{doc}/{version}/{code}/{kind}</c>, with the code's '/' written as '-' ("8140-3").</summary>
    public Identifier For(SourceDocument source, string code, string kind)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new Identifier(System, $"{source.Id}/{source.VersionId}/{code.Replace('/', '-')}/{kind}");
    }

    /// <summary>The identifier every resource derived from <paramref name="source"/> carries, whatever the version.</summary>
    public Identifier SourceOf(SourceDocument source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new Identifier(SourceDocumentSystem, source.Id);
    }

    /// <summary>The Device's identifier: one per model and version.</summary>
    public Identifier ForDevice(ModelIdentity model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new Identifier(System, $"device/{model.Name}/{model.Version}/{model.LexiconVersion}");
    }

    /// <summary>The document version a derived identifier names, or <c>null</c> when it is not one of ours.</summary>
    public string? VersionOf(IEnumerable<Identifier> identifiers, string documentId)
    {
        var prefix = documentId + "/";
        foreach (var identifier in identifiers)
        {
            if (identifier.System == System && identifier.Value is { } value && value.StartsWith(prefix, StringComparison.Ordinal))
            {
                var rest = value[prefix.Length..];
                var slash = rest.IndexOf('/', StringComparison.Ordinal);
                return slash < 0 ? null : rest[..slash];
            }
        }

        return null;
    }

    /// <summary>The <c>ifNoneExist</c> search for <paramref name="identifier"/>: <c>identifier=SYSTEM|VALUE</c>, each part escaped (Firely URL-encodes it into the entry).</summary>
    public static SearchParams IfNoneExist(Identifier identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return new SearchParams().Add("identifier", FhirSearchValue.Token(identifier.System, identifier.Value));
    }
}
