"""The command line: `treaty` and its subcommands."""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from rich.console import Console
from rich.text import Text

from game import __version__
from game.content.catalog import Catalog, check
from game.content.models import KINDS, Question, Quiz, Scenario
from game.content.paths import bundled_root
from game.content.problems import Problem
from game.content.wording import suggest
from game.engine import PlayState, ScenarioLoop
from game.plain import PlainGame, PlainQuiz
from game.plain.common import SaveNotes
from game.quiz import Answer, QuizProgress
from game.store.games import (
    QUIZ,
    SCENARIO,
    Changed,
    resume_play,
    resume_quiz,
    save_play,
    save_quiz,
)
from game.store.progress import Store, open_store, profile_name
from game.store.settings import content_folders


def _schema(args: argparse.Namespace) -> int:
    if args.out:
        from game.content.scaffold import write_schemas

        try:
            written = write_schemas(Path(args.out))
        except OSError as exc:
            print(f"treaty: cannot write to {args.out}: {exc.strerror}", file=sys.stderr)
            return 2
        for path in written:
            print(f"Wrote {path}")
        return 0
    kinds = [args.kind] if args.kind else list(KINDS)
    schemas = {kind: KINDS[kind].model_json_schema(by_alias=True) for kind in kinds}
    out = schemas[args.kind] if args.kind else schemas
    print(json.dumps(out, indent=2, ensure_ascii=False))
    return 0


def _new(args: argparse.Namespace) -> int:
    from game.content.scaffold import ScaffoldError, new_file
    from game.store.settings import load_settings, save_settings

    settings = load_settings()
    folder = Path(args.content or settings.content or "treaty-content")
    if folder.is_absolute() and folder.is_relative_to(Path.cwd()):
        folder = folder.relative_to(Path.cwd())  # as the teacher would type it
    try:
        path = new_file(args.kind, args.name, folder)
    except ScaffoldError as exc:
        print(f"treaty: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"treaty: cannot write in {folder}: {exc.strerror}", file=sys.stderr)
        return 2
    print(f"Created {path}")
    if settings.content is None:
        settings.content = str(Path(folder).resolve())
        try:
            save_settings(settings)
            print(
                f"The game now includes your folder {settings.content} every time "
                "(change it with `treaty config --content DIR`)."
            )
        except OSError:
            pass
    if args.kind == "scenario":
        print(f"Play it, reloading as you edit:  treaty play {path.as_posix()} --watch")
        print(f"Check it:                        treaty validate {path.as_posix()}")
    else:
        print(f"Take it:    treaty quiz {args.name}")
        print(f"Check it:   treaty validate {path.as_posix()}")
    return 0


def _config(args: argparse.Namespace) -> int:
    from game.store.settings import load_settings, save_settings, settings_path

    settings = load_settings()
    if settings.problem:
        print(f"treaty: {settings.problem}", file=sys.stderr)
    if args.content or args.no_content:
        if args.content and not Path(args.content).is_dir():
            print(f"treaty: {args.content} is not a folder", file=sys.stderr)
            return 2
        settings.content = None if args.no_content else str(Path(args.content).resolve())
        try:
            save_settings(settings)
        except OSError as exc:
            print(f"treaty: cannot save the settings: {exc.strerror}", file=sys.stderr)
            return 2
    print(f"Settings ({settings_path()}):")
    if settings.content:
        print(f"  your content folder: {settings.content} (included every time)")
    else:
        print("  your content folder: none (set one with `treaty config --content DIR`)")
    return 0


def _console(stderr: bool = False) -> Console:
    # Colour on a terminal; plain when piped or when NO_COLOR is set (Rich checks both).
    return Console(stderr=stderr, highlight=False, soft_wrap=True, emoji=False)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _strict_problems(catalog: Catalog) -> list[Problem]:
    """What exploring each scenario finds, as problems at the scene or ending concerned."""
    from game.analysis import explore
    from game.content.yamlfile import load_yaml

    problems: list[Problem] = []
    for scenario_id, scenario in catalog.scenarios.items():
        path = catalog.scenario_files.get(scenario_id)
        if path is None or not any(
            path == p or path.resolve() == p.resolve() for p in catalog.checked
        ):
            continue
        result = explore(scenario)
        found: list[tuple[tuple[str, ...], str]] = []
        for situation in result.soft_locks:
            found.append(
                (
                    ("scenes", situation.scene),
                    f"scene `{situation.scene}` can leave the student stuck with no choice to "
                    f"take; reached by: {_steps_text(situation.path)}",
                )
            )
        # A loop with no way out is said once, at the first of its scenes a student meets,
        # with the scenes it leads round (not once for each of them).
        trapped = {t.scene for t in result.traps}
        said: set[str] = set()
        for situation in sorted(result.traps, key=lambda t: len(t.path)):
            if situation.scene in said:
                continue
            loop = _led_to(scenario, situation.scene) & trapped
            said |= loop
            others = sorted(loop - {situation.scene})
            also = f" (nor from {', '.join(f'`{o}`' for o in others)}, where it leads)"
            found.append(
                (
                    ("scenes", situation.scene),
                    f"from scene `{situation.scene}` no ending can be reached"
                    f"{also if others else ''}; reached by: {_steps_text(situation.path)}",
                )
            )
        for situation in result.route_loops:
            found.append(
                (
                    ("scenes", situation.scene),
                    f"routes go round in a loop after scene `{situation.scene}`",
                )
            )
        if result.complete:
            for ending_id in result.unreachable_endings:
                found.append((("endings", ending_id), f"ending `{ending_id}` can never be reached"))
        file = load_yaml(path)
        for where, message in found:
            line, col = file.locate(where, key=True)
            problems.append(Problem(str(path), line, col, "error", message))
        if not result.complete:
            # What was not reached in a part of the situations may be reached in the rest:
            # said once, as a warning, never as errors that are not there.
            problems.append(
                Problem(
                    str(path),
                    1,
                    1,
                    "warning",
                    f"{result.too_large} Endings and choices were not all checked.",
                )
            )
            continue
        for step in result.never_enabled:
            line, col = file.locate(("scenes", step.scene, "choices", step.number - 1))
            problems.append(
                Problem(
                    str(path),
                    line,
                    col,
                    "warning",
                    f"choice {step.number} of scene `{step.scene}` is never enabled in any "
                    "reachable situation",
                )
            )
    return problems


def _led_to(scenario: Scenario, first: str) -> set[str]:
    """The scenes `first` leads to by any choice or route (whatever their conditions),
    itself included."""
    seen, stack = {first}, [first]
    while stack:
        scene = scenario.scenes.get(stack.pop())
        if scene is None:
            continue
        targets = [c.goto for c in scene.choices or ()] + [b.goto for b in scene.route or ()]
        for target in targets:
            if target in scenario.scenes and target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


def _steps_text(path: list[Any]) -> str:
    return " → ".join(f"“{step.text}”" for step in path) or "the start"


def _validate(args: argparse.Namespace) -> int:
    catalog = check(args.paths)
    if args.strict:
        catalog.problems.extend(_strict_problems(catalog))
    out = _console()
    for line in catalog.unreadable:
        out.print(Text(line, style="bold red"))
    for problem in catalog.problems:
        style = "bold red" if problem.severity == "error" else "yellow"
        where = f"{problem.file}:{problem.line}:{problem.col}: "
        text = Text(where, style="bold")
        text.append(f"{problem.severity}:", style=style)
        text.append(f" {problem.message}")
        out.print(text)
    errors, warnings = len(catalog.errors), len(catalog.warnings)
    summary = f"{_plural(len(catalog.checked), 'file')} checked: "
    if errors or warnings:
        summary += f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
    elif catalog.checked:
        summary += "no problems found"
    else:
        summary = "No file checked"
    if catalog.unreadable:
        summary += f"; {_plural(len(catalog.unreadable), 'path')} could not be read"
    out.print(Text(summary, style="bold red" if errors else "bold green"))
    if catalog.unreadable:
        return 2
    return 1 if errors else 0


def _overview(catalog: Catalog) -> None:
    out = _console()
    out.print(Text("Treaty Talks", style="bold"))
    out.print("Lead a delegation through the Russia–Japan peace treaty talks.\n")
    out.print(Text("Scenarios", style="bold underline"))
    scenarios = sorted(catalog.scenarios.values(), key=lambda s: (s.year, s.id))
    for scenario in scenarios:
        lead = f"(you lead: {scenario.delegation})"
        out.print(Text(f"  {scenario.id:<24} {scenario.year}  {scenario.title}  {lead}"))
    if not scenarios:
        out.print("  (none)")
    out.print(Text("\nQuizzes", style="bold underline"))
    for quiz in sorted(catalog.quizzes.values(), key=lambda q: q.id):
        count = _plural(len(quiz.questions), "question")
        out.print(Text(f"  {quiz.id:<24} {quiz.title} ({count})"))
    if not catalog.quizzes:
        out.print("  (none)")
    out.print(
        "\nTo play a scenario, type: treaty play ID --plain  (for example: "
        "treaty play singapore-2018 --plain)\nTo check your own files: treaty validate PATH"
    )
    left_out = catalog.left_out()
    if left_out:
        out.print(Text("\nThese files are left out of the game:", style="yellow"))
        for line in left_out:
            out.print(Text(f"  {line}"))
        out.print(Text("See every problem with: treaty validate FILE", style="yellow"))


def _load(content: list[str]) -> Catalog:
    return check([bundled_root(), *content])


def _content_note(catalog: Catalog, content: list[str]) -> None:
    """Once, on stderr: each file left out of the game and why."""
    left_out = catalog.left_out()
    if left_out:
        print("Note: these files are left out of the game:", file=sys.stderr)
        for line in left_out:
            print(f"  {line}", file=sys.stderr)
        print("See every problem with: treaty validate FILE", file=sys.stderr)


def _list(args: argparse.Namespace) -> int:
    catalog = _load(args.content)
    print("Scenarios (play one with: treaty play ID --plain)")
    for s in sorted(catalog.scenarios.values(), key=lambda s: (s.year, s.id)):
        yours = "  (yours)" if catalog.is_yours("scenario", s.id) else ""
        print(f"  {s.id:<28} {s.year}  {s.title}  (you lead: {s.delegation}){yours}")
    if not catalog.scenarios:
        print("  (none)")
    print("\nQuizzes (take one with: treaty quiz ID --plain)")
    for q in sorted(catalog.quizzes.values(), key=lambda q: q.id):
        yours = "  (yours)" if catalog.is_yours("quiz", q.id) else ""
        print(f"  {q.id:<28} {q.title} ({_plural(len(q.questions), 'question')}){yours}")
    if not catalog.quizzes:
        print("  (none)")
    _content_note(catalog, args.content)
    return 0


def _find_scenario(name: str, content: list[str]) -> tuple[Scenario | None, Catalog]:
    path = Path(name)
    if path.suffix in (".yaml", ".yml") or path.is_file():
        # With the fact files given (--facts), and those beside the file's folder.
        catalog = check([path, *(c for c in content if Path(c).is_file())])
        if path.exists() and not catalog.errors and len(catalog.scenarios) == 1:
            return next(iter(catalog.scenarios.values())), catalog
        for line in catalog.unreadable:
            print(line, file=sys.stderr)
        for problem in catalog.problems:
            print(problem, file=sys.stderr)
        if path.exists() and not catalog.errors:
            print(f"{name}: error: this file is not a scenario", file=sys.stderr)
        return None, catalog
    catalog = _load(content)
    _content_note(catalog, content)
    scenario = catalog.scenarios.get(name)
    if scenario is None:
        known = sorted(catalog.scenarios)
        print(
            f"treaty: no scenario called `{name}`{suggest(name, known)} "
            f"(the scenarios are: {', '.join(known) or 'none'})",
            file=sys.stderr,
        )
    return scenario, catalog


def _interactive() -> bool:
    """Whether a person is at a terminal (the app needs one; pipes get plain text), or at
    a browser: `treaty serve` runs each visitor's game with Textual's web driver."""
    if "web_driver" in os.environ.get("TEXTUAL_DRIVER", ""):
        return True
    return sys.stdin.isatty() and sys.stdout.isatty()


def _serve(args: argparse.Namespace) -> int:
    from game.tui.serve import default_max_players, serve

    where = f"http://{'localhost' if args.host in ('127.0.0.1', 'localhost') else args.host}"
    print(f"Treaty Talks is served at {where}:{args.port}/ (Ctrl+C stops it).")
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"Listening on {args.host}: other machines on the network can open it at "
            f"http://THIS-MACHINE'S-ADDRESS:{args.port}/ (anyone who can reach this machine)."
        )
    players = args.max_players or default_max_players()
    sized = "" if args.max_players else ", as this machine's memory allows"
    print(f"At most {_plural(players, 'game')} at once{sized} (--max-players N changes it).")
    try:
        serve(args.host, args.port, args.content, args.data_dir, players)
    except OSError as exc:
        print(f"treaty: cannot serve on {args.host}:{args.port}: {exc.strerror}", file=sys.stderr)
        return 2
    print("Stopped. Every game has ended; progress is saved.")
    return 0


def _positive_int(text: str) -> int:
    """A limit such as `--max-players`, `--runs` or `--max-states`: a whole number, at
    least 1."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"`{text}` is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def _positive_seconds(text: str) -> float:
    """`--max-seconds`: a number of seconds above 0."""
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"`{text}` is not a number of seconds") from None
    if not 0 < seconds < float("inf"):
        raise argparse.ArgumentTypeError(f"must be more than 0 seconds, not {text}")
    return seconds


def _run_app(
    content: list[str],
    scenario_id: str | None,
    data_dir: str | None = None,
    profile: str = "default",
) -> int:
    from game.tui import make_app  # textual loads only when the app is wanted

    folder = Path(data_dir) if data_dir else None
    if "web_driver" in os.environ.get("TEXTUAL_DRIVER", ""):
        # A visitor's game under `treaty serve`: Ctrl+C at the server's terminal reaches
        # this process too, but the server ends each game itself, cleanly.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    make_app(content=content, start_scenario=scenario_id, data_dir=folder, profile=profile).run()
    return 0


def _open_store(args: argparse.Namespace) -> Store:
    store = open_store(Path(args.data_dir) if args.data_dir else None)
    if store.warning:
        print(store.warning, file=sys.stderr)
    return store


_Place = TypeVar("_Place", PlayState, QuizProgress)


def _offer_place(
    store: Store,
    profile: int,
    kind: str,
    item: str,
    found: _Place | Changed | None,
    where: Callable[[_Place], str],
) -> _Place | None:
    """A saved place (game or quiz), if the student wants to continue it; one that no
    longer fits its file, or that the student starts again, is forgotten."""
    if found is None:
        return None
    if isinstance(found, Changed):
        print(f"This {kind} has changed since it was saved; starting again.")
    elif _wants_to_continue(f"this {kind} ({where(found)})"):
        return found
    store.forget(profile, kind, item)
    return None


def _resume(store: Store, profile: int, scenario: Scenario) -> PlayState | None:
    """A saved game of `scenario`, if the student wants to continue it."""
    found = resume_play(store, profile, scenario)
    return _offer_place(
        store,
        profile,
        SCENARIO,
        scenario.id,
        found,
        lambda s: f"{_plural(len(s.path), 'choice')} made",
    )


def _resume_quiz(store: Store, profile: int, quiz: Quiz) -> QuizProgress | None:
    """A quiz left part-way, if the student wants to continue it."""
    found = resume_quiz(store, profile, quiz)
    return _offer_place(
        store, profile, QUIZ, quiz.id, found, lambda p: f"{_plural(p.index, 'question')} answered"
    )


def _wants_to_continue(what: str) -> bool:
    """Ask whether to continue a saved game or quiz, until the answer is 1 or 2; the end
    of input means continue."""
    print(
        f"You were part-way through {what}. Type 1 to continue where you left off, or 2 to "
        "start again, and press Enter: ",
        end="",
        flush=True,
    )
    while True:
        try:
            answer = input().strip()
        except EOFError:
            return True
        if answer in ("1", "2"):
            return answer == "1"
        print("Please type 1 (continue) or 2 (start again), and press Enter: ", end="", flush=True)


def _watch(args: argparse.Namespace) -> int:
    path = Path(args.scenario)
    if not path.suffix and not path.is_file():  # an id: its file
        found = _load(args.content).scenario_files.get(args.scenario)
        if found is None:
            print(f"treaty: no scenario called `{args.scenario}` to watch", file=sys.stderr)
            return 2
        path = found
    if not path.is_file():
        print(f"treaty: {path}: no such file", file=sys.stderr)
        return 2
    if not _interactive():
        print("treaty: --watch opens the game full screen, so it needs a terminal", file=sys.stderr)
        return 2
    from game.tui import make_app

    make_app(
        content=args.content,
        watch=path,
        profile=args.profile,
        data_dir=Path(args.data_dir) if args.data_dir else None,
    ).run()
    return 0


def _play(args: argparse.Namespace) -> int:
    if args.watch:
        return _watch(args)
    if not args.plain and _interactive() and not Path(args.scenario).suffix:
        return _run_app(args.content, args.scenario, args.data_dir, args.profile)
    scenario, catalog = _find_scenario(args.scenario, args.content)
    if scenario is None:
        return 1 if catalog.errors else 2

    def say(line: str) -> None:
        print(line, flush=True)

    store = _open_store(args)
    notes = SaveNotes(store, lambda line: print(line, file=sys.stderr), store.warning)
    profile = store.profile(args.profile)
    notes.tell_news()  # a profile that could not be created: nothing will be saved
    resume = _resume(store, profile, scenario)
    notes.tell_news()

    def saved(state: PlayState) -> None:
        save_play(store, profile, scenario.id, state)
        notes.tell_news()  # a failure to save, once

    game = PlainGame(scenario, catalog, input, say, saving=notes.saving)
    try:
        game.play(resume=resume, on_step=saved)
    except KeyboardInterrupt:
        print(game.stopped)
    except ScenarioLoop as loop:
        print(f"\ntreaty: the scenario cannot go on: {loop}", file=sys.stderr)
        return 1
    return 0


def _quiz(args: argparse.Namespace) -> int:
    catalog = _load(args.content)
    _content_note(catalog, args.content)
    quiz = catalog.quizzes.get(args.quiz)
    if quiz is None:
        path = Path(args.quiz)
        if path.suffix in (".yaml", ".yml") or path.is_file():
            catalog = check([path, *args.content])
            # The file's own problems stop it; another file's are only named.
            mine = path.resolve()
            unreadable = [line for line in catalog.unreadable if line.startswith(str(path))]
            own = [p for p in catalog.errors if Path(p.file).resolve() == mine]
            for line in unreadable:
                print(line, file=sys.stderr)
            for problem in own:
                print(problem, file=sys.stderr)
            if unreadable or own:
                return 2 if unreadable else 1
            _content_note(catalog, args.content)
            quiz = next(
                (catalog.quizzes[q] for q, f in catalog.quiz_files.items() if f.resolve() == mine),
                None,
            )
        if quiz is None:
            known = sorted(catalog.quizzes)
            print(
                f"treaty: no quiz called `{args.quiz}`{suggest(args.quiz, known)} "
                f"(the quizzes are: {', '.join(known) or 'none'})",
                file=sys.stderr,
            )
            return 2
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10**9)
    store = _open_store(args)
    notes = SaveNotes(store, lambda line: print(line, file=sys.stderr), store.warning)
    profile = store.profile(args.profile)
    notes.tell_news()
    resume = _resume_quiz(store, profile, quiz)
    notes.tell_news()
    if resume is not None:
        seed = resume.seed

    def say(line: str) -> None:
        print(line, flush=True)

    def saved(progress: QuizProgress, question: Question, answer: Answer, took: float) -> None:
        save_quiz(store, profile, progress, question.id, answer, round(took, 1))
        notes.tell_news()  # a failure to save, once

    try:
        PlainQuiz(quiz, catalog, seed, input, say, on_answer=saved, saving=notes.saving).run(resume)
    except KeyboardInterrupt:
        print("\nStopped.")
    return 0


def _report(args: argparse.Namespace) -> int:
    from rich.table import Table

    from game.store.progress import default_data_dir
    from game.store.report import name_endings, printable, read_folders, summary, write_csv

    folders = [Path(d) for d in args.data_dir] or [default_data_dir()]
    report = read_folders(folders, include_previews=args.include_previews)
    for problem in report.problems:
        print(f"treaty: {problem}", file=sys.stderr)
    catalog = _load(args.content)
    name_endings(report, catalog.scenarios)
    if args.csv:
        try:
            # "x": a file already there (the class's database, say) is never overwritten
            # unless --force says so.
            with open(args.csv, "w" if args.force else "x", encoding="utf-8", newline="") as out:
                rows = write_csv(report.attempts, out)
        except FileExistsError:
            print(
                f"treaty: {args.csv} already exists; nothing was written. Choose another "
                "file name, or add --force to replace it.",
                file=sys.stderr,
            )
            return 2
        except OSError as exc:
            print(f"treaty: cannot write {args.csv}: {exc.strerror}", file=sys.stderr)
            return 2
        print(f"Wrote {_plural(rows, 'attempt')} to {args.csv}.")
        return 0
    if not report.attempts:
        print("No attempts yet in " + ", ".join(str(f) for f in folders) + ".")
        return 0 if len(report.problems) < len(folders) else 1
    table = Table("Student", "Scenario or quiz", "Plays or answers", "Result", title="Treaty Talks")
    previous = None
    for row in summary(report, catalog.scenarios, catalog.quizzes):
        table.add_row(  # names and titles are data, never markup nor terminal codes
            Text(printable(row.profile) if row.profile != previous else ""),
            Text(printable(row.what)),
            str(row.attempts),
            Text(printable(row.result)),
        )
        previous = row.profile
    _console().print(table)
    return 0


def _explore(args: argparse.Namespace) -> int:
    from game.analysis import as_json, as_text, explore

    scenario, _ = _find_scenario(args.scenario, args.content)
    if scenario is None:
        return 2
    progress = None
    bar = None
    if sys.stderr.isatty() and not args.json:
        from rich.progress import Progress, SpinnerColumn, TextColumn

        bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), transient=True)
        task = bar.add_task("Exploring…")
        bar.start()

        def progress(states: int) -> None:
            bar.update(task, description=f"Exploring… {states:,} states")

    try:
        result = explore(
            scenario,
            max_states=args.max_states,
            progress=progress,
            max_seconds=args.max_seconds,
        )
    finally:
        if bar is not None:
            bar.stop()
    if args.json:
        print(json.dumps(as_json(result), indent=2, ensure_ascii=False))
    else:
        print(as_text(result))
    return 0 if result.clean else 1


def _graph(args: argparse.Namespace) -> int:
    from game.analysis import to_dot, to_mermaid

    scenario, _ = _find_scenario(args.scenario, args.content)
    if scenario is None:
        return 2
    print(to_mermaid(scenario) if args.format == "mermaid" else to_dot(scenario), end="")
    return 0


def _percent(part: int, whole: int) -> str:
    return f"{part}/{whole} ({round(100 * part / whole) if whole else 100}%)"


def _test(args: argparse.Namespace) -> int:
    from game.analysis import explore
    from game.testing import ScenarioFlaw, check_exploration, random_playthroughs

    catalog = check(args.paths or [bundled_root(), *content_folders([])])
    for line in catalog.unreadable:
        print(line)
    for problem in catalog.errors:
        print(problem)
    failed = bool(catalog.errors or catalog.unreadable)
    for scenario_id, scenario in sorted(catalog.scenarios.items()):
        print(
            f"\n{scenario_id}: {args.runs} random playthroughs (seed {args.seed}) and exploration"
        )
        result = explore(scenario, max_states=args.max_states, max_seconds=args.max_seconds)
        try:
            check_exploration(result)
            print(
                f"  exploration: {result.states:,} states; no soft-lock or trap; "
                "every ending reachable"
            )
        except ScenarioFlaw as flaw:
            failed = True
            print(f"  FAILED exploration: {flaw}")
        coverage = random_playthroughs(scenario, runs=args.runs, seed=args.seed)
        for flaw_text in dict.fromkeys(coverage.flaws):
            failed = True
            print(f"  FAILED playthrough: {flaw_text}")
        choice_scenes = [s for s, scene in scenario.scenes.items() if scene.choices]
        all_choices = sum(len(scene.choices or ()) for scene in scenario.scenes.values())
        print(
            f"  coverage: scenes {_percent(len(coverage.scenes), len(choice_scenes))}, "
            f"choices {_percent(len(coverage.choices), all_choices)}, "
            f"endings {_percent(len(coverage.endings), len(scenario.endings))}"
        )
        scenes, choices, endings = coverage.missing(scenario)
        if scenes:
            print(f"  scenes never visited: {', '.join(scenes)}")
        if choices:
            print(f"  choices never taken: {', '.join(choices)}")
        if endings:
            print(f"  endings never reached by a playthrough: {', '.join(endings)}")
    count = len(catalog.scenarios)
    if count == 0:
        print("\nNo scenario to test" + (": see above." if failed else " here."))
        return 2 if catalog.unreadable else 1
    verdict = "some properties do not hold" if failed else "every property holds"
    print(f"\n{_plural(count, 'scenario')} tested: {verdict}")
    return 1 if failed else 0


def _content_option(parser: argparse.ArgumentParser, dest: str = "content") -> None:
    parser.add_argument(
        "--content",
        dest=dest,
        action="append",
        default=[],
        metavar="DIR",
        help="a teacher's folder of scenarios/, quizzes/ and sources/ (may be repeated; the "
        "folder set with `treaty config` is always included)",
    )


def _facts_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--facts",
        action="append",
        default=[],
        metavar="FILE",
        help="a fact file to use beside the game's own (may be repeated)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="treaty",
        description="Treaty Talks: the Russia-Japan peace treaty talks, as a game.",
    )
    parser.add_argument("--version", action="version", version=f"treaty {__version__}")
    # For `treaty` alone (the app); the commands take the same options after their name.
    parser.add_argument(
        "--profile",
        dest="app_profile",
        default="default",
        metavar="NAME",
        help="open the app as this student (their own saved games and results)",
    )
    _content_option(parser, dest="app_content")
    parser.add_argument(
        "--data-dir",
        dest="app_data_dir",
        metavar="DIR",
        help="where progress is kept (default: TREATY_DATA_DIR or the user data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    content = argparse.ArgumentParser(add_help=False)
    content.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where progress is kept (default: TREATY_DATA_DIR or the user data folder)",
    )
    # No default here: `treaty --profile NAME play ...` and `treaty play ... --profile NAME`
    # mean the same (see `_main`), and the one written after the command wins.
    content.add_argument(
        "--profile", default=None, metavar="NAME", help="whose progress (default: default)"
    )
    _content_option(content)
    _facts_option(content)

    listing = commands.add_parser("list", parents=[content], help="list the scenarios and quizzes")
    listing.set_defaults(run=_list)

    play = commands.add_parser(
        "play",
        parents=[content],
        help="play a scenario",
        description="Play a scenario. SCENARIO is an id from `treaty list` or a file.",
    )
    play.add_argument("scenario", metavar="SCENARIO", help="a scenario id or a .yaml file")
    play.add_argument(
        "--plain",
        action="store_true",
        help="plain text on standard input and output (screen readers, scripts, pipes); "
        "without it, the game opens full screen on a terminal",
    )
    play.add_argument(
        "--watch",
        action="store_true",
        help="live preview while you edit: the game reloads the file each time it is saved, "
        "keeps your place, and shows any errors in the file instead of stopping",
    )
    play.set_defaults(run=_play)

    quiz = commands.add_parser(
        "quiz",
        parents=[content],
        help="take a quiz",
        description="Take a quiz. QUIZ is an id from `treaty list` or a file.",
    )
    quiz.add_argument("quiz", metavar="QUIZ", help="a quiz id or a .yaml file")
    quiz.add_argument(
        "--plain",
        action="store_true",
        help="plain text on standard input and output (screen readers, scripts, pipes)",
    )
    quiz.add_argument(
        "--seed", type=int, help="shuffle the options the same way every time (a number)"
    )
    quiz.set_defaults(run=_quiz)

    explore_cmd = commands.add_parser(
        "explore",
        parents=[content],
        help="try every reachable situation in a scenario and report what can go wrong",
        description="Visit every reachable (scene, meters, flags) state of SCENARIO and report "
        "endings (with path counts and the shortest path), unreachable scenes and endings, "
        "soft-locks, traps, choices never enabled and meter ranges. Exit 0 when there is no "
        "soft-lock or trap and every ending is reachable, 1 otherwise.",
    )
    explore_cmd.add_argument("scenario", metavar="SCENARIO", help="a scenario id or a .yaml file")
    explore_cmd.add_argument("--json", action="store_true", help="the report as JSON")
    explore_cmd.add_argument(
        "--max-states",
        type=_positive_int,
        default=200_000,
        metavar="N",
        help="stop after N states (default 200,000)",
    )
    explore_cmd.add_argument(
        "--max-seconds",
        type=_positive_seconds,
        default=20.0,
        metavar="S",
        help="stop after S seconds (default 20)",
    )
    explore_cmd.set_defaults(run=_explore)

    graph = commands.add_parser(
        "graph",
        parents=[content],
        help="draw a scenario as a Mermaid or DOT graph",
    )
    graph.add_argument("scenario", metavar="SCENARIO", help="a scenario id or a .yaml file")
    graph.add_argument("--format", choices=["mermaid", "dot"], default="mermaid")
    graph.set_defaults(run=_graph)

    test = commands.add_parser(
        "test",
        help="play random games through scenarios and explore them; report coverage",
        description="Check scenarios without writing Python: random playthroughs (meters "
        "stay in range, every game ends or can go on) and the exploration (no soft-lock or "
        "trap, every ending reachable), then the share of scenes, choices and endings the "
        "playthroughs visited. Exit 0 when every property holds.",
    )
    test.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders (default: the bundled scenarios)"
    )
    test.add_argument(
        "--runs",
        type=_positive_int,
        default=200,
        help="random playthroughs per scenario (default 200)",
    )
    test.add_argument("--seed", type=int, default=0, help="seed for the random choices (default 0)")
    test.add_argument(
        "--max-states", type=_positive_int, default=200_000, metavar="N", help="exploration limit"
    )
    test.add_argument(
        "--max-seconds",
        type=_positive_seconds,
        default=20.0,
        metavar="S",
        help="exploration time limit per scenario (default 20)",
    )
    test.set_defaults(run=_test)

    validate = commands.add_parser(
        "validate",
        help="check scenario, quiz and fact files (or folders of them)",
        description="Check content files. Prints FILE:LINE:COL: error: message for each "
        "problem, then a summary. Exit status: 0 no errors, 1 errors, 2 a path cannot be read.",
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="a file or a folder")
    validate.add_argument(
        "--strict",
        action="store_true",
        help="also explore every scenario (soft-locks, traps, endings never reached)",
    )
    _facts_option(validate)
    validate.set_defaults(run=_validate)

    report = commands.add_parser(
        "report",
        help="the teacher's report: each student's scenarios and quizzes (or a CSV)",
        description="Summarise the progress in one or more data folders, or write every "
        "attempt to a CSV file. Give --data-dir once for each folder copied from a classroom "
        "machine: they are merged, each attempt counted once, students matched by name.",
    )
    report.add_argument(
        "--data-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="a data folder to read (may be repeated; default: this machine's)",
    )
    report.add_argument(
        "--csv", metavar="FILE", help="write one row per attempt to FILE (UTF-8, with a header)"
    )
    report.add_argument(
        "--include-previews",
        action="store_true",
        help="also count the games a teacher played to preview a file (treaty play --watch)",
    )
    report.add_argument(
        "--force", action="store_true", help="with --csv: replace FILE if it already exists"
    )
    _content_option(report)
    report.set_defaults(run=_report)

    schema = commands.add_parser(
        "schema", help="print the JSON Schema of scenario, quiz and fact files"
    )
    schema.add_argument(
        "kind", nargs="?", choices=list(KINDS), help="one kind of file (default: all three)"
    )
    schema.add_argument(
        "--out",
        metavar="DIR",
        help="write scenario.schema.json, quiz.schema.json and facts.schema.json into DIR",
    )
    schema.set_defaults(run=_schema)

    serve = commands.add_parser(
        "serve",
        help="serve the game to browsers (a classroom with only browsers)",
        description="Serve the game to web browsers. Each visitor gets a game of their own; "
        "open http://HOST:PORT/?profile=NAME to play as NAME, with your own saved progress. "
        "The page needs no internet connection.",
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default 127.0.0.1: this machine only; 0.0.0.0: "
        "every machine that can reach this one)",
    )
    serve.add_argument("--port", type=int, default=8000, help="the port (default 8000)")
    _content_option(serve)
    serve.add_argument("--data-dir", metavar="DIR", help="where progress is kept")
    serve.add_argument(
        "--max-players",
        type=_positive_int,
        metavar="N",
        help="the most games running at once; past it a visitor sees that the class is full "
        "(default: as many as this machine's free memory holds, about 55 MB each, and never "
        "fewer than 40)",
    )
    serve.set_defaults(run=_serve)

    new = commands.add_parser(
        "new",
        help="start a new scenario or quiz of your own, from a small working example",
        description="Write a small, valid, commented scenario or quiz into your content "
        "folder (default: the folder set with `treaty config`, or ./treaty-content, which is "
        "then remembered). The folder gets scenarios/, quizzes/, sources/ and schemas/.",
    )
    new.add_argument("kind", choices=["scenario", "quiz"], help="what to make")
    new.add_argument("name", metavar="NAME", help="its id and file name, e.g. first-talks")
    new.add_argument("--content", metavar="DIR", help="the content folder to write into")
    new.set_defaults(run=_new)

    config = commands.add_parser(
        "config",
        help="show or change your settings (the content folder included every time)",
    )
    remember = config.add_mutually_exclusive_group()
    remember.add_argument(
        "--content", metavar="DIR", help="include this folder every time, in the app and commands"
    )
    remember.add_argument(
        "--no-content", action="store_true", help="forget the folder set with --content"
    )
    config.set_defaults(run=_config)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # The reader went away (`treaty list | head`): stop quietly, as other tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # A name is kept as the store keeps names (no terminal codes, at most 40 characters).
    for dest in ("app_profile", "profile"):
        if getattr(args, dest, None) is not None:
            name = profile_name(getattr(args, dest))
            if name is None:
                print(
                    "treaty: --profile needs a name (letters or digits, not only spaces)",
                    file=sys.stderr,
                )
                return 2
            setattr(args, dest, name)
    if args.command is None:
        content = content_folders(args.app_content)
        if _interactive():
            return _run_app(content, None, args.app_data_dir, args.app_profile)
        _overview(check([bundled_root(), *content]))
        return 0
    # An option means the same wherever it is written: before the command or after it.
    if hasattr(args, "profile"):
        args.profile = args.profile or args.app_profile
    if hasattr(args, "data_dir"):
        args.data_dir = args.data_dir or args.app_data_dir
    if hasattr(args, "content") and isinstance(args.content, list):
        args.content = content_folders([*args.app_content, *args.content])
    # A fact file given with --facts is read with the rest, as a folder would be.
    facts = getattr(args, "facts", None) or []
    if hasattr(args, "content") and isinstance(args.content, list):
        args.content = [*args.content, *facts]
    if hasattr(args, "paths") and isinstance(args.paths, list) and args.paths:
        args.paths = [*args.paths, *facts]
    result: int = args.run(args)
    return result


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
