using Microsoft.Extensions.Logging;
using Sanlock.Daemon.Status;

namespace Sanlock.Daemon.Logging;

/// <summary>Copies every log message at Information or above into the <see cref="LogRing"/> LOG_DUMP returns.</summary>
public sealed class LogRingProvider : ILoggerProvider
{
    private readonly LogRing _ring;

    public LogRingProvider(LogRing ring) => _ring = ring;

    public ILogger CreateLogger(string categoryName) => new RingLogger(_ring);

    public void Dispose()
    {
    }

    private sealed class RingLogger : ILogger
    {
        private readonly LogRing _ring;

        public RingLogger(LogRing ring) => _ring = ring;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                _ring.Add(formatter(state, exception));
            }
        }
    }
}
