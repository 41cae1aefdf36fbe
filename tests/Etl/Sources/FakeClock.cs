using Microsoft.Extensions.Time.Testing;

namespace Warehouse.Tests.Etl.Sources;

/// <summary>
/// Drives fake time while real loopback I/O runs: between short polls the clock moves one step, so retry delays,
/// Retry-After waits and timeouts of many (fake) seconds pass in milliseconds. Nothing sleeps for those delays.
/// </summary>
internal static class FakeClock
{
    public static async Task<T> DriveAsync<T>(Task<T> task, FakeTimeProvider time, TimeSpan? step = null)
    {
        var increment = step ?? TimeSpan.FromMilliseconds(250);
        for (var i = 0; i < 40_000 && !task.IsCompleted; i++)
        {
            await Task.WhenAny(task, Task.Delay(2));
            if (!task.IsCompleted)
                time.Advance(increment);
        }

        return await task;
    }

    public static async Task DriveAsync(Task task, FakeTimeProvider time, TimeSpan? step = null) =>
        await DriveAsync(task.ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, TaskScheduler.Default), time, step);
}
