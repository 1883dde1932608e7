using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FhirNer.Fhir.Registry;

/// <summary>
/// Writes an export as NDJSON or CSV, streaming. The first line states the window and the
/// cut-off the next run passes as <c>--since</c>.
/// </summary>
public static class RegistryWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly string[] Columns = ["patient", "patientIdentifier", "code", "display", "behaviour", "site", "verificationStatus", "firstSeen", "lastSeen", "mentions", "evidence", "modelVersion", "reviewAdvised"];

    /// <summary>Writes <paramref name="export"/> in <paramref name="format"/> (<c>ndjson</c> or <c>csv</c>); returns the number of records.</summary>
    public static async Task<int> WriteAsync(RegistryExport export, string format, TextWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(writer);
        var csv = format switch
        {
            "ndjson" => false,
            "csv" => true,
            _ => throw new ArgumentException($"unknown format '{format}' (ndjson or csv)", nameof(format)),
        };
        var cutoff = export.Cutoff?.ToString("O", CultureInfo.InvariantCulture);
        var since = export.Since?.ToString("O", CultureInfo.InvariantCulture);
        if (csv)
        {
            await writer.WriteLineAsync($"# fhirner registry export; since={since ?? "(start)"}; cutoff={cutoff ?? "(none)"}; next run: {(cutoff is null ? "without --since" : $"--since {cutoff}")}").ConfigureAwait(false);
            await writer.WriteLineAsync(string.Join(',', Columns)).ConfigureAwait(false);
        }
        else
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(new { export = "fhirner-registry", since, cutoff, patients = export.Patients }, Json)).ConfigureAwait(false);
        }

        var count = 0;
        await foreach (var record in export.Records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            await writer.WriteLineAsync(csv ? Csv(record) : JsonSerializer.Serialize(record, Json)).ConfigureAwait(false);
            count++;
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    private static string Csv(RegistryRecord r)
    {
        string?[] values =
        [
            r.Patient, r.PatientIdentifier, r.Code, r.Display, r.Behaviour, r.Site, r.VerificationStatus,
            r.FirstSeen?.ToString("O", CultureInfo.InvariantCulture), r.LastSeen?.ToString("O", CultureInfo.InvariantCulture),
            r.Mentions.ToString(CultureInfo.InvariantCulture), string.Join(' ', r.Evidence), r.ModelVersion, r.ReviewAdvised ? "true" : "false",
        ];
        return string.Join(',', values.Select(Quote));
    }

    // RFC 4180: quote fields with commas, quotes or line breaks; double the quotes.
    private static string Quote(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return string.Empty;
        if (value.IndexOfAny([',', '"', '\n', '\r']) < 0)
            return value;
        var builder = new StringBuilder(value.Length + 2).Append('"');
        builder.Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        return builder.ToString();
    }
}
