"""The table a tools run of the benchmark prints: one line per tool, its ratios, issue 12's targets."""

from __future__ import annotations

from native import print_targets

__all__ = ["fmt", "print_table"]


def fmt(value, spec: str, missing: str = "-") -> str:
    return missing if value is None else format(value, spec)


def print_table(result: dict) -> None:
    print(f"\n{result['db']} ({result['server']}), N = {result['n']:,}: {result['rows']:,} rows "
          f"(Python {result['python']}, Django {result['django']}; best of {result['repeat']}; "
          f"load average before/after: {result['load_average_before_after'][0][0]:.1f}/{result['load_average_before_after'][1][0]:.1f})\n")
    print("| tool | wall s | peak RSS MB | rows/s | output MB | exact? |")
    print("|---|---:|---:|---:|---:|---|")
    for t in result["tools"]:
        if t.get("ok"):
            exact = t["exact"]
        else:
            exact = t["error"] if t.get("skipped") else f"FAILED: {t.get('error', '')}"
        size = t.get("output_bytes")
        print(f"| {t['tool']} | {fmt(t['wall_s'], '.1f', 'fails')} | {fmt(t['peak_rss_mb'], '.0f')} | "
              f"{fmt(t['rows_per_s'], ',d')} | {fmt(size / 1e6 if size else None, '.1f')} | {exact} |")
    print("\n| ratio | value |\n|---|---:|")
    for name, value in result["ratios"].items():
        print(f"| {name} | {fmt(value, '.2f', 'n/a')} |")
    if "targets" in result:
        print_targets(result)
