namespace FhirNer.Nlp.Corpus;

/// <summary>A relation (<c>R</c> line) of a brat <c>.ann</c> file, e.g. NUBes' <c>Scope Arg1:T1 Arg2:T2</c>.</summary>
/// <param name="Id">The relation id.</param>
/// <param name="Type">The relation type.</param>
/// <param name="From">The id of <c>Arg1</c>.</param>
/// <param name="To">The id of <c>Arg2</c>.</param>
public sealed record BratRelation(string Id, string Type, string From, string To);
