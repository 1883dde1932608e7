namespace FhirNer.Nlp.Corpus;

/// <summary>A plain-text note read from disk.</summary>
/// <param name="Name">File name without extension; brat output is <c>&lt;Name&gt;.ann</c>.</param>
/// <param name="Path">Full path of the file.</param>
/// <param name="Text">The decoded text; offsets index into it.</param>
public sealed record TextDocument(string Name, string Path, string Text);
