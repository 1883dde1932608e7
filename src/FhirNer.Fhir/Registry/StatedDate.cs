using System.Globalization;
using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Registry;

/// <summary>A FHIR <c>dateTime</c> as its source states it: its own UTC offset, or the calendar date it names.</summary>
/// <remarks>
/// Converting to UTC moves a note written at <c>2026-01-01T00:30:00+01:00</c> to 2025-12-31, and a
/// registry counting diagnoses by year would count it in the wrong one.
/// </remarks>
internal static class StatedDate
{
    /// <summary>
    /// <paramref name="value"/> with the offset it was written with; a date without a time
    /// (<c>2026-01-01</c>, <c>2026-01</c>) is midnight of its first day at offset 0, so its calendar date is kept.
    /// </summary>
    /// <returns><c>null</c> when there is no value or it is not a FHIR dateTime.</returns>
    public static DateTimeOffset? Of(FhirDateTime? value)
    {
        var text = value?.Value;
        if (string.IsNullOrEmpty(text))
            return null;
        // FHIR dateTime: YYYY, YYYY-MM, YYYY-MM-DD, or YYYY-MM-DDThh:mm:ss(.sss)(Z|+hh:mm) (https://hl7.org/fhir/R4/datatypes.html#dateTime).
        if (text.Length == 4)
            text += "-01-01";
        else if (text.Length == 7)
            text += "-01";
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
    }
}
