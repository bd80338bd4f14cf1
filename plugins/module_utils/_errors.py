# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the collection itself finds wrong, as opposed to what the service reports (ProofpointError).

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
"""

from __future__ import annotations


class ValidationError(ValueError):
    """Something the collection checked and refused: the user's input, or the shape of an answer."""


class InputError(ValidationError):
    """User input that cannot be sent (an option, a value, a file): found before any request, and the
    message names the option and the problem."""


class AnswerShapeError(ValidationError):
    """An answer from the service that does not look like what the article describes."""
