using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Mapping;

/// <summary>Points references at resources the server already has instead of at entries a transaction no longer carries.</summary>
internal static class ReferenceRewriter
{
    /// <summary>Replaces every reference in <paramref name="resource"/> that is a key of <paramref name="map"/> (a <c>urn:uuid</c> fullUrl) by its value (<c>Type/id</c>).</summary>
    public static void Rewrite(Base resource, IReadOnlyDictionary<string, string> map)
    {
        if (map.Count == 0)
            return;
        foreach (var (_, value) in resource.EnumerateElements())
        {
            switch (value)
            {
                case ResourceReference reference when reference.Reference is { } target && map.TryGetValue(target, out var replacement):
                    reference.Reference = replacement;
                    break;
                case Base child:
                    Rewrite(child, map);
                    break;
                case IEnumerable<Base> children:
                    foreach (var item in children)
                        Rewrite(item, map);
                    break;
            }
        }
    }
}
