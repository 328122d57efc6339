namespace Sanlock.Chaos;

/// <summary>A one-line progress bar for terminals.</summary>
public static class Progress
{
    public static void Draw(double fraction)
    {
        int width = 40;
        int done = (int)Math.Clamp(fraction * width, 0, width);
        Console.Write($"\r[{new string('#', done)}{new string('.', width - done)}] {fraction * 100,3:F0}%");
    }
}
