using FhirNer.Nlp.Inference;

namespace FhirNer.Nlp.Tests.Inference;

public sealed class SlidingWindowPlannerTests
{
    [Theory]
    [InlineData(1, 10, 10)]
    [InlineData(10, 10, 7)]
    [InlineData(11, 10, 7)]
    [InlineData(1468, 126, 94)]
    [InlineData(1468, 510, 382)]
    [InlineData(1000, 16, 1)]
    [InlineData(1000, 16, 16)]
    [InlineData(37, 8, 3)]
    public void GivenAnyLengthWindowAndStride_WhenPlanned_ThenEveryTokenIsOwnedByExactlyOneWindowThatContainsIt(int tokens, int window, int stride)
    {
        var windows = SlidingWindowPlanner.Plan(tokens, window, stride);

        var owners = new int[tokens];
        foreach (var w in windows)
        {
            w.Length.Should().BeLessThanOrEqualTo(window);
            w.Start.Should().BeGreaterThanOrEqualTo(0);
            w.End.Should().BeLessThanOrEqualTo(tokens);
            w.OwnedStart.Should().BeGreaterThanOrEqualTo(w.Start);
            w.OwnedEnd.Should().BeLessThanOrEqualTo(w.End);
            for (var t = w.OwnedStart; t < w.OwnedEnd; t++)
                owners[t]++;
        }

        owners.Should().OnlyContain(n => n == 1);
        windows.Select(w => w.Start).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void GivenOverlappingWindows_WhenPlanned_ThenEachTokenIsOwnedWhereItHasTheMostContext()
    {
        var windows = SlidingWindowPlanner.Plan(tokenCount: 100, windowLength: 20, stride: 10);

        // Window [10, 30) overlaps [0, 20) on [10, 20): the first owns up to 15, the second from 15.
        windows[0].Should().Be(new TokenWindow(0, 20, 0, 15));
        windows[1].Should().Be(new TokenWindow(10, 20, 15, 25));
        windows[^1].End.Should().Be(100, "the last window is pulled back to end at the last token");
        windows[^1].OwnedEnd.Should().Be(100);
    }

    [Fact]
    public void GivenNoTokens_WhenPlanned_ThenThereAreNoWindows() =>
        SlidingWindowPlanner.Plan(0, 10, 5).Should().BeEmpty();

    [Fact]
    public void GivenAStrideLongerThanTheWindow_WhenPlanned_ThenItIsRejectedBecauseTokensWouldBeSkipped()
    {
        var act = () => SlidingWindowPlanner.Plan(100, 10, 11);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
