"""Viterbi tagging with a CRFsuite model, read from its file and run with numpy.

pycrfsuite's ``Tagger.tag`` spends most of its time handing each feature string to C++ and
looking it up there, one paragraph at a time. Here the model's attribute table is a Python dict
and a whole Doc is scored at once. The labels are CRFsuite's own: the weights are read bit for
bit from the model file, each token's state scores are summed in the order of its features (as
``crf1dt_state_score`` does, skipping unknown attributes), and the Viterbi pass adds and
compares exactly as ``crf1dc_viterbi`` does, the first best label winning ties.

The file layout read here is CRFsuite's "lCRF"/"FOMC" model, version 100: a header, the
features (type, source, destination, weight), and two CQDB string tables (labels and
attributes) whose backward links give each identifier's string. Anything else is refused with
ValueError, and the caller keeps pycrfsuite.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import repeat
from pathlib import Path

import numpy as np

_HEADER = np.dtype(
    [
        ("magic", "S4"),
        ("size", "<u4"),
        ("type", "S4"),
        ("version", "<u4"),
        ("num_features", "<u4"),
        ("num_labels", "<u4"),
        ("num_attrs", "<u4"),
        ("off_features", "<u4"),
        ("off_labels", "<u4"),
        ("off_attrs", "<u4"),
        ("off_labelrefs", "<u4"),
        ("off_attrrefs", "<u4"),
    ]
)
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
_STATE, _TRANSITION = 0, 1
_CQDB_HEADER = 24  # chunk id, size, flag, byte order, backward-link count, backward-link offset
_CQDB_BYTEORDER = 0x62445371


def _u32(buf: bytes, offset: int) -> int:
    return int.from_bytes(buf[offset : offset + 4], "little")


def _strings(buf: bytes, start: int, count: int) -> list[str]:
    """Identifiers 0..count-1 of the CQDB table at ``start``, as their strings."""
    if buf[start : start + 4] != b"CQDB" or _u32(buf, start + 12) != _CQDB_BYTEORDER:
        raise ValueError("not a CQDB string table")
    links, links_at = _u32(buf, start + 16), _u32(buf, start + 20)
    if count > links or not links_at:
        raise ValueError("CQDB table without backward links for every identifier")
    out: list[str] = []
    for ident in range(count):
        record = start + _u32(buf, start + links_at + 4 * ident)
        if record == start or _u32(buf, record) != ident:
            raise ValueError(f"CQDB identifier {ident} missing")
        size = _u32(buf, record + 4)
        key = buf[record + 8 : record + 8 + size]
        out.append(key.split(b"\0", 1)[0].decode("utf-8", "surrogateescape"))
    return out


class _Batch:
    """Spans of rows of a score matrix laid side by side, longest first, so that a pass over
    them advances every span at once: ``state[p, t]`` is the row of span ``order[p]`` at step
    ``t`` (a row of zeros past its end, never read back), and ``active[t]`` how many spans
    still run at step ``t`` (they are the first ones)."""

    def __init__(
        self, spans: list[tuple[int, int]], order: list[int], lengths: np.ndarray, state: np.ndarray, active: list[int]
    ) -> None:
        self.spans, self.order, self.lengths, self.state, self.active = spans, order, lengths, state, active

    @classmethod
    def of(cls, scores: np.ndarray, spans: Sequence[tuple[int, int]]) -> _Batch | None:
        """The batch of the non-empty ``spans``; None when there is none."""
        spans = [s for s in spans if s[1] > s[0]]
        if not spans:
            return None
        order = sorted(range(len(spans)), key=lambda p: spans[p][0] - spans[p][1])  # longest first
        lengths = np.array([spans[p][1] - spans[p][0] for p in order], dtype=np.intp)
        longest = int(lengths[0])
        steps = np.arange(longest)
        padded = np.vstack((scores, np.zeros((1, scores.shape[1]))))
        rows = np.array([spans[p][0] for p in order], dtype=np.intp)[:, None] + steps
        rows[steps >= lengths[:, None]] = len(scores)
        # spans longer than t: all of them but those whose length is at most t
        active = (len(lengths) - np.cumsum(np.bincount(lengths, minlength=longest + 1))[:longest]).tolist()
        return cls(spans, order, lengths, padded[rows], active)


class CrfModel:
    """A first-order linear-chain CRF: attribute ids, state weights, transition weights."""

    def __init__(self, labels: list[str], attributes: list[str], state: np.ndarray, transitions: np.ndarray) -> None:
        self.labels = labels
        self.attribute_ids = {a: k for k, a in enumerate(attributes)}
        #: one row per attribute and a last row of zeros for the attributes the model does not know
        self.unknown = len(attributes)
        self.state = state
        self.transitions = transitions

    @classmethod
    def read(cls, path: Path | str) -> CrfModel:
        """The model in a CRFsuite file; ValueError when the file is not one this reads."""
        buf = Path(path).read_bytes()
        if len(buf) < _HEADER.itemsize:
            raise ValueError("too short for a CRFsuite model")
        head = np.frombuffer(buf, dtype=_HEADER, count=1)[0]
        if head["magic"] != b"lCRF" or head["type"] != b"FOMC" or int(head["version"]) != 100:
            raise ValueError("not a CRFsuite 1d model of version 100")
        n_labels, n_attrs = int(head["num_labels"]), int(head["num_attrs"])
        at = int(head["off_features"])
        if buf[at : at + 4] != b"FEAT":
            raise ValueError("no feature chunk where the header says")
        n_features = _u32(buf, at + 8)
        features = np.frombuffer(buf, dtype=_FEATURE, count=n_features, offset=at + 12)
        labels = _strings(buf, int(head["off_labels"]), n_labels)
        attributes = _strings(buf, int(head["off_attrs"]), n_attrs)
        kinds, src, dst = features["type"], features["src"].astype(np.intp), features["dst"].astype(np.intp)
        if not np.isin(kinds, (_STATE, _TRANSITION)).all() or (dst >= n_labels).any():
            raise ValueError("unexpected feature")
        is_state = kinds == _STATE
        if (src[is_state] >= n_attrs).any() or (src[~is_state] >= n_labels).any():
            raise ValueError("feature source out of range")
        state = np.zeros((n_attrs + 1, n_labels))
        state[src[is_state], dst[is_state]] = features["weight"][is_state]
        transitions = np.zeros((n_labels, n_labels))
        transitions[src[~is_state], dst[~is_state]] = features["weight"][~is_state]
        return cls(labels, attributes, state, transitions)

    def state_scores(self, features: list[str], ends: Sequence[int]) -> np.ndarray:
        """Per token, the sum of its features' weights for each label, summed feature by feature.

        ``features`` holds every token's feature strings one after the other; token t's are
        ``features[ends[t - 1]:ends[t]]``.
        """
        n_tokens = len(ends)
        # the dict lookups through map into a list, then the list into numpy: the fastest way found
        found = list(map(self.attribute_ids.get, features, repeat(self.unknown)))
        ids = np.fromiter(found, dtype=np.intp, count=len(found))
        ends_a = np.asarray(ends, dtype=np.intp)
        starts = np.concatenate(([0], ends_a[:-1]))
        lengths = ends_a - starts
        width = int(lengths.max()) if n_tokens else 0
        # token t's k-th feature at [t, k]; shorter tokens padded with the zero row, which adds nothing
        table = np.full((n_tokens, width), self.unknown, dtype=np.intp)
        rows = np.repeat(np.arange(n_tokens), lengths)
        table[rows, np.arange(len(features)) - np.repeat(starts, lengths)] = ids
        scores = np.zeros((n_tokens, len(self.labels)))
        for k in range(width):  # one feature position at a time keeps CRFsuite's order of addition
            scores += self.state[table[:, k]]
        return scores

    def state_scores_ids(self, table: np.ndarray) -> np.ndarray:
        """``state_scores`` of features given as attribute ids: token t's k-th feature slot is
        ``table[t, k]`` (``unknown`` where it has none). Slots are added left to right, so a table
        holding the ids of the strings in their order gives the very same sums."""
        scores = np.zeros((len(table), len(self.labels)))
        if len(table):
            slots = np.ascontiguousarray(table.T)  # a slot's ids side by side
            rows = np.empty_like(scores)
            for k in np.flatnonzero((slots != self.unknown).any(axis=1)).tolist():
                np.take(self.state, slots[k], axis=0, out=rows)
                scores += rows  # an unknown slot adds a row of zeros: skipped alike
        return scores

    def viterbi(self, scores: np.ndarray, spans: Sequence[tuple[int, int]]) -> list[str]:
        """The best label sequence of each span of rows of ``scores`` (spans tagged independently).

        All spans advance together, longest first, so each step is a few array operations
        whatever the number of spans.
        """
        labels_out = ["O"] * len(scores)
        batch = _Batch.of(scores, spans)
        if batch is None:
            return labels_out
        spans, order, state, active = batch.spans, batch.order, batch.state, [*batch.active, 0]
        n_spans, longest, n_labels = state.shape
        best = state[:, 0, :].copy()
        back = np.zeros((n_spans, longest, n_labels), dtype=np.intp)
        into = np.ascontiguousarray(self.transitions.T)  # [j, i]: i -> j, the reduced i last in memory
        for t in range(1, longest):
            k = active[t]
            cand = best[:k, None, :] + into  # [p, j, i]: best path to i, then i -> j
            back[:k, t] = cand.argmax(axis=2)  # the first best i, as CRFsuite's strict comparison
            best[:k] = cand.max(axis=2) + state[:k, t]
        last = best.argmax(axis=1)
        path = np.zeros((n_spans, longest), dtype=np.intp)
        current = np.zeros(n_spans, dtype=np.intp)
        rows = np.arange(n_spans)
        for t in range(longest - 1, -1, -1):
            k, ending = active[t], active[t + 1]
            current[ending:k] = last[ending:k]  # spans whose last token is t
            path[:k, t] = current[:k]
            if t:
                current[:k] = back[rows[:k], t, current[:k]]
        names = self.labels
        for p, span_index in enumerate(order):
            start, end = spans[span_index]
            labels_out[start:end] = [names[y] for y in path[p, : end - start].tolist()]
        return labels_out

    def marginals(self, scores: np.ndarray, spans: Sequence[tuple[int, int]]) -> np.ndarray:
        """Per row of ``scores`` and label, the probability of the label at that token given its
        span (forward-backward, each span a sequence of its own, all advancing together like
        ``viterbi``); rows outside every span are 0. Equal to pycrfsuite's ``Tagger.marginal`` to
        rounding.

        As CRFsuite does, the passes run on exponentiated scores rescaled at every step (a product
        with the transition matrix per step, where log space needs a log-sum-exp); should a step
        ever underflow, the passes are run again in log space."""
        out = np.zeros((len(scores), len(self.labels)))
        batch = _Batch.of(scores, spans)
        if batch is None:
            return out
        with np.errstate(divide="ignore", invalid="ignore", over="ignore", under="ignore"):
            prob = self._scaled_marginals(batch)  # an underflow shows as a zero sum, then NaN: checked there
        if prob is None:
            prob = self._log_marginals(batch)
        for p, span_index in enumerate(batch.order):
            start, end = batch.spans[span_index]
            out[start:end] = prob[p, : end - start]
        return out

    def _scaled_marginals(self, batch: _Batch) -> np.ndarray | None:
        """[span, step, label] marginals from forward and backward vectors normalised at each step
        (the scale of a step cancels in its marginals); None when a step underflows."""
        state, active = batch.state, batch.active
        n_spans, longest, n_labels = state.shape
        # per token and for the transitions, the largest score is taken out before exponentiating: it
        # cancels in the normalisation, and what remains lies in (0, 1]
        emit = np.exp(state - state.max(axis=2, keepdims=True))
        trans = np.exp(self.transitions - self.transitions.max())
        alpha = np.ones((n_spans, longest, n_labels))  # past the end of a span: never read
        alpha[:, 0] = emit[:, 0] / emit[:, 0].sum(axis=1, keepdims=True)
        for t in range(1, longest):
            k = active[t]
            step = (alpha[:k, t - 1] @ trans) * emit[:k, t]
            alpha[:k, t] = step / step.sum(axis=1, keepdims=True)
        beta = np.ones((n_spans, longest, n_labels))  # 1 at the last token of each span
        trans_t = trans.T
        for t in range(longest - 2, -1, -1):
            k = active[t + 1]  # the spans that go on to step t + 1
            step = (beta[:k, t + 1] * emit[:k, t + 1]) @ trans_t
            beta[:k, t] = step / step.sum(axis=1, keepdims=True)
        prob = alpha * beta
        prob /= prob.sum(axis=2, keepdims=True)
        valid = np.arange(longest) < batch.lengths[:, None]
        if not np.isfinite(prob[valid]).all():
            return None
        return prob

    def _log_marginals(self, batch: _Batch) -> np.ndarray:
        """[span, step, label] marginals by forward-backward in log space."""
        state, active, lengths = batch.state, batch.active, batch.lengths
        n_spans, longest, n_labels = state.shape
        trans = self.transitions
        alpha = np.zeros((n_spans, longest, n_labels))
        alpha[:, 0] = state[:, 0]
        for t in range(1, longest):
            k = active[t]
            cand = alpha[:k, t - 1, :, None] + trans  # [p, i, j]: at i, then i -> j
            top = cand.max(axis=1)
            alpha[:k, t] = top + np.log(np.exp(cand - top[:, None, :]).sum(axis=1)) + state[:k, t]
        beta = np.zeros((n_spans, longest, n_labels))
        for t in range(longest - 2, -1, -1):
            k = active[t + 1]  # the spans that go on to step t + 1
            cand = trans[None, :, :] + (state[:k, t + 1] + beta[:k, t + 1])[:, None, :]
            top = cand.max(axis=2)
            beta[:k, t] = top + np.log(np.exp(cand - top[:, :, None]).sum(axis=2))
        last = alpha[np.arange(n_spans), lengths - 1]
        top = last.max(axis=1)
        log_z = top + np.log(np.exp(last - top[:, None]).sum(axis=1))
        return np.exp(alpha + beta - log_z[:, None, None])


def crfsuite_reads_alike(text: str) -> bool:
    """Whether CRFsuite sees strings made of ``text`` as Python does: pycrfsuite hands them to C
    as UTF-8, so a NUL cuts one short and an unencodable one raises. Such texts need pycrfsuite."""
    if "\0" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
