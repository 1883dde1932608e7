using System.Text.Json.Nodes;
using FhirNer.Nlp.Models;
using FhirNer.Nlp.Tests.TestSupport;

namespace FhirNer.Nlp.Tests.Models;

/// <summary>A broken model directory must fail at load, naming the file and the problem.</summary>
public sealed class NerModelLoadTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "fhirner-model-" + Guid.NewGuid().ToString("N"));

    public NerModelLoadTests()
    {
        Directory.CreateDirectory(_directory);
        foreach (var file in Directory.EnumerateFiles(TestPaths.TinyModel))
            File.Copy(file, Path.Combine(_directory, Path.GetFileName(file)));
    }

    [Fact]
    public void GivenTheFixtureModel_WhenLoaded_ThenLabelsWindowAndSpecialTokensComeFromItsFiles()
    {
        using var model = NerModel.Load(_directory);

        model.Labels.Names.Should().Equal("O", "B-MORFOLOGIA_NEOPLASIA", "I-MORFOLOGIA_NEOPLASIA");
        model.Config.MaxSequenceLength.Should().Be(128);
        model.SpecialTokens.Should().Be(new SpecialTokenIds(Bos: 0, Eos: 2, Pad: 1));
        model.Name.Should().Be("tiny-random");
        model.Version.Should().Be("0.1.0");
        model.Classifier.LabelCount.Should().Be(3);
    }

    [Theory]
    [InlineData("model.onnx")]
    [InlineData("config.json")]
    [InlineData("vocab.json")]
    [InlineData("merges.txt")]
    public void GivenAMissingFile_WhenLoaded_ThenTheErrorNamesIt(string file)
    {
        File.Delete(Path.Combine(_directory, file));

        var act = () => NerModel.Load(_directory);

        act.Should().Throw<ModelLoadException>().WithMessage($"*{file}: required model file is missing*")
            .Which.File.Should().EndWith(file);
    }

    [Fact]
    public void GivenADirectoryThatDoesNotExist_WhenLoaded_ThenTheErrorSaysSo()
    {
        var act = () => NerModel.Load(Path.Combine(_directory, "nope"));

        act.Should().Throw<ModelLoadException>().WithMessage("*nope: model directory not found");
    }

    [Fact]
    public void GivenLabelsThatAreNotBio_WhenLoaded_ThenTheErrorNamesConfigJsonAndTheLabel()
    {
        EditConfig(c => c["id2label"] = new JsonObject { ["0"] = "O", ["1"] = "LABEL_1", ["2"] = "LABEL_2" });

        var act = () => NerModel.Load(_directory);

        act.Should().Throw<ModelLoadException>().WithMessage("*config.json: id2label is not a BIO scheme: label 'LABEL_1'*");
    }

    [Fact]
    public void GivenMoreLabelsInConfigThanTheModelOutputs_WhenLoaded_ThenTheErrorNamesModelOnnx()
    {
        EditConfig(c => c["id2label"] = new JsonObject { ["0"] = "O", ["1"] = "B-A", ["2"] = "I-A", ["3"] = "B-B", ["4"] = "I-B" });

        var act = () => NerModel.Load(_directory);

        act.Should().Throw<ModelLoadException>().WithMessage("*model.onnx: output 'logits' has 3 labels but config.json id2label has 5");
    }

    [Fact]
    public void GivenConfigWithoutMaxPositions_WhenLoaded_ThenTheErrorNamesTheField()
    {
        EditConfig(c => c.Remove("max_position_embeddings"));

        var act = () => NerModel.Load(_directory);

        act.Should().Throw<ModelLoadException>().WithMessage("*config.json: 'max_position_embeddings' is missing");
    }

    [Fact]
    public void GivenConfigThatIsNotJson_WhenLoaded_ThenTheErrorSaysSo()
    {
        File.WriteAllText(Path.Combine(_directory, "config.json"), "{ id2label: ");

        var act = () => NerModel.Load(_directory);

        act.Should().Throw<ModelLoadException>().WithMessage("*config.json: not valid JSON*");
    }

    [Fact]
    public void GivenAModelFileThatIsNotOnnx_WhenLoaded_ThenTheErrorNamesModelOnnx()
    {
        File.WriteAllText(Path.Combine(_directory, "model.onnx"), "not a protobuf");

        var act = () => NerModel.Load(_directory);

        act.Should().Throw<ModelLoadException>().WithMessage("*model.onnx: not a loadable ONNX model*");
    }

    [Fact]
    public void GivenAMalformedMergeLine_WhenLoaded_ThenTheErrorGivesTheLine()
    {
        File.AppendAllText(Path.Combine(_directory, "merges.txt"), "onlyonetoken\n");

        var act = () => NerModel.Load(_directory);

        act.Should().Throw<ModelLoadException>().WithMessage("*merges.txt: line * is not a merge*");
    }

    [Fact]
    public void GivenAVocabularyThatIsNotAnObject_WhenLoaded_ThenTheErrorNamesVocabJson()
    {
        File.WriteAllText(Path.Combine(_directory, "vocab.json"), "[1, 2, 3]");

        var act = () => NerModel.Load(_directory);

        act.Should().Throw<ModelLoadException>().WithMessage("*vocab.json: expected a JSON object of token -> id*");
    }

    [Fact]
    public void GivenARobertaConfig_WhenRead_ThenTheWindowLeavesOutThePaddingOffsetPositions()
    {
        // bsc-bio-ehr-es-cantemist: RoBERTa-base, 514 positions, pad id 1 => 512 tokens a window.
        EditConfig(c =>
        {
            c["model_type"] = "roberta";
            c["max_position_embeddings"] = 514;
        });

        ModelConfig.Load(Path.Combine(_directory, "config.json")).MaxSequenceLength.Should().Be(512);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private void EditConfig(Action<JsonObject> edit)
    {
        var path = Path.Combine(_directory, "config.json");
        var config = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(config);
        File.WriteAllText(path, config.ToJsonString());
    }
}
