using System.Text;
using Inertia.Data;
using Inertia.Tensors;

namespace Inertia.Tests.Data;

public class CsvReaderTests
{
    private static Dataset Read(string text, CsvOptions? options = null) =>
        CsvReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test.csv", options);

    private static DataFormatException Fails(string text, CsvOptions? options = null) =>
        Assert.Throws<DataFormatException>(() => Read(text, options));

    [Fact]
    public void Iris_loads_through_its_scikit_learn_header()
    {
        Dataset iris = CsvReader.Read(SharedData.Iris);
        Assert.Equal(new Shape(150, 4), iris.Features.Shape);
        Assert.Equal(["setosa", "versicolor", "virginica"], iris.ClassNames);
        Assert.Equal([50, 50, 50], iris.ClassCounts());
        Assert.Equal([5.1f, 3.5f, 1.4f, 0.2f], iris.Features.Span[..4].ToArray());
        Assert.Equal(2f, iris.Targets[149]);
    }

    [Fact]
    public void A_named_header_and_string_labels_map_classes_in_order_of_first_appearance()
    {
        var d = Read("a,species,b\n1,cat,2\n3,dog,4\n5,cat,6\n7,\"bird, small\",8\n", new CsvOptions { Label = "species" });
        Assert.Equal(["cat", "dog", "bird, small"], d.ClassNames);
        Assert.Equal([0f, 1f, 0f, 2f], d.Targets.ToArray());
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f], d.Features.ToArray());
    }

    [Fact]
    public void Quoted_labels_with_escaped_quotes_are_one_class()
    {
        var d = Read("1,\"a \"\"b\"\"\"\n2,\"a \"\"b\"\"\"\n3,c\n", new CsvOptions { Header = CsvHeader.Absent });
        Assert.Equal(["a \"b\"", "c"], d.ClassNames);
        Assert.Equal([0f, 0f, 1f], d.Targets.ToArray());
    }

    [Fact]
    public void Without_a_header_integer_labels_are_class_indices()
    {
        var d = Read("0.5,1e-3,2\n-1,+4,0\r\n\n 2 , 3 ,1\n", new CsvOptions { Label = "-1" });
        Assert.Equal(3, d.Count);
        Assert.Equal(3, d.ClassCount);
        Assert.Null(d.ClassNames);
        Assert.Equal([2f, 0f, 1f], d.Targets.ToArray());
        Assert.Equal([0.5f, 0.001f, -1f, 4f, 2f, 3f], d.Features.ToArray());
    }

    [Fact]
    public void The_label_column_may_be_given_by_index()
    {
        var d = Read("1,10,20\n0,30,40\n", new CsvOptions { Label = "0" });
        Assert.Equal([1f, 0f], d.Targets.ToArray());
        Assert.Equal([10f, 20f, 30f, 40f], d.Features.ToArray());
    }

    [Fact]
    public void Regression_reads_the_label_column_as_a_target_value()
    {
        var d = Read("x,y\n1,0.25\n2,0.5\n", new CsvOptions { Regression = true });
        Assert.False(d.IsClassification);
        Assert.Equal(new Shape(2, 1), d.Targets.Shape);
        Assert.Equal([0.25f, 0.5f], d.Targets.ToArray());
    }

    [Fact]
    public void A_non_numeric_feature_names_file_line_and_column()
    {
        var e = Fails("a,b,label\n1,2,0\n3,x7,1\n");
        Assert.Equal("test.csv", e.FilePath);
        Assert.Equal(3, e.Line);
        Assert.Equal(2, e.Column);
        Assert.Contains("line 3, column 2", e.Message);
        Assert.Contains("'x7'", e.Message);
        Assert.Contains("column 'b'", e.Message);
    }

    [Fact]
    public void A_ragged_row_names_its_line()
    {
        var e = Fails("1,2,0\n3,4,1\n5,1\n");
        Assert.Equal(3, e.Line);
        Assert.Contains("2 columns where every row has 3", e.Message);
    }

    [Theory]
    [InlineData("1,NaN,0\n")]
    [InlineData("1,Infinity,0\n")]
    [InlineData("1,1e39,0\n")]
    public void Non_finite_values_are_rejected_where_they_stand(string row)
    {
        var e = Fails("1,2,0\n" + row);
        Assert.Equal(2, e.Line);
        Assert.Equal(2, e.Column);
        Assert.Contains("finite", e.Message);
    }

    [Fact]
    public void Empty_fields_and_unclosed_quotes_are_errors()
    {
        Assert.Equal(2, Fails("1,2,0\n1,,0\n").Column);
        Assert.Contains("not closed", Fails("1,2,0\n\"1,2,0\n").Message);
    }

    [Fact]
    public void An_unknown_label_name_lists_the_columns()
    {
        var e = Fails("a,b\n1,2\n", new CsvOptions { Label = "species" });
        Assert.Equal(1, e.Line);
        Assert.Contains("a, b", e.Message);
    }

    [Fact]
    public void Integer_labels_are_checked_against_the_class_count()
    {
        Assert.Contains("negative", Fails("1,-1\n").Message);
        Assert.Contains("outside the 3 classes", Fails("1,0\n2,3\n", new CsvOptions { ClassCount = 3 }).Message);
        Assert.Contains("ClassCount", Fails("1,5000000\n").Message);
    }

    [Fact]
    public void A_scikit_learn_header_is_checked_against_the_rows()
    {
        Assert.Contains("promises 3 rows", Fails("3,2,a,b\n1,2,0\n3,4,1\n").Message);
        Assert.Contains("no class name", Fails("2,2,a,b\n1,2,0\n3,4,2\n").Message);
        Assert.Contains("2 columns where every row has 3", Fails("2,2,a,b\n1,2,0\n3,1\n").Message);
    }

    [Fact]
    public void A_file_without_data_rows_is_rejected()
    {
        Assert.Contains("no data rows", Fails("a,b\n\n").Message);
        Assert.Contains("no data rows", Fails("").Message);
    }

    [Fact]
    public void A_single_column_file_has_no_features()
    {
        Assert.Contains("at least one feature column", Fails("1\n2\n").Message);
    }

    [Fact]
    public void Other_delimiters_and_a_forced_header_mode_work()
    {
        var d = Read("1;2\n3;4\n", new CsvOptions { Delimiter = ';', Header = CsvHeader.Present });
        Assert.Equal(1, d.Count);
        Assert.Equal(3f, d.Features[0, 0]);
        Assert.Equal(5, d.ClassCount); // the only label is 4
    }
}
