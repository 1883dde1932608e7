using FhirNer.Nlp.Text;

namespace FhirNer.Nlp.Tests.Text;

public sealed class NoteLinesTests
{
    [Theory]
    [InlineData("uno\ndos tres\ncuatro", 6, 4, 12)]
    [InlineData("uno\ndos tres\ncuatro", 0, 0, 3)]
    [InlineData("uno\ndos tres\ncuatro", 14, 13, 19)]
    [InlineData("uno\n\ndos", 4, 4, 4)]
    public void GivenAShortLine_WhenItsBoundsAreAsked_ThenTheLineBreaksAroundThePosition(string text, int position, int start, int end)
    {
        NoteLines.StartBefore(text, position).Should().Be(start);
        NoteLines.EndAfter(text, position).Should().Be(end);
    }

    [Theory]
    [InlineData('–', true)]
    [InlineData('•', true)]
    [InlineData('-', true)]
    [InlineData('(', false)]
    [InlineData('C', false)]
    public void GivenAFirstCharacter_WhenAskedIfItIsABullet_ThenOnlyListMarksAre(char c, bool expected) =>
        NoteLines.IsBullet(c).Should().Be(expected);

    [Fact]
    public void GivenALineLongerThanTheReach_WhenItsBoundsAreAsked_ThenTheyStopAtTheReach()
    {
        var text = "inicio\n" + new string('a', 3 * NoteLines.MaxReach) + "\nfin";
        var middle = 7 + (3 * NoteLines.MaxReach / 2);

        NoteLines.StartBefore(text, middle).Should().Be(middle - NoteLines.MaxReach);
        NoteLines.EndAfter(text, middle).Should().Be(middle + NoteLines.MaxReach);
        NoteLines.StartBefore(text, 7 + 10).Should().Be(7, "the line break is within reach");
    }
}
