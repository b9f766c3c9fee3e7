// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SignedMath} from "@openzeppelin/contracts/utils/math/SignedMath.sol";
import {Panic} from "@openzeppelin/contracts/utils/Panic.sol";

/// @title Signed 18-decimal fixed point with the rounding of SPEC §1.
/// @notice mul(a, b, R) = a·b / 10^18 and div(a, b, R) = a·10^18 / b, exact (512-bit, OpenZeppelin
///         Math.mulDiv) and rounded once toward −∞ (floor) or +∞ (ceil). mulDiv works on magnitudes,
///         so the direction is mirrored for a negative result: floor of a negative value is the ceil
///         of its magnitude. A result outside int256 reverts with Panic(0x11), like checked
///         arithmetic, so "overflow" means the same thing in the C++ engine and here.
library SignedWad {
    uint256 internal constant WAD = 1e18;

    /// @dev Applies `sign` to a magnitude; reverts with Panic(0x11) outside int256.
    function _signed(uint256 magnitude, bool negative) private pure returns (int256) {
        if (negative) {
            if (magnitude > uint256(type(int256).max) + 1) Panic.panic(Panic.UNDER_OVERFLOW);
            // −2^255 has no positive counterpart: it is written directly.
            if (magnitude == uint256(type(int256).max) + 1) return type(int256).min;
            return -int256(magnitude);
        }
        if (magnitude > uint256(type(int256).max)) Panic.panic(Panic.UNDER_OVERFLOW);
        return int256(magnitude);
    }

    function _mulDivSigned(int256 a, int256 b, int256 den, bool ceil) private pure returns (int256) {
        bool negative = (a < 0) != (b < 0) != (den < 0);
        // Toward +∞ on a negative result is toward zero on its magnitude, and vice versa.
        bool roundMagnitudeUp = ceil != negative;
        uint256 m = Math.mulDiv(
            SignedMath.abs(a),
            SignedMath.abs(b),
            SignedMath.abs(den),
            roundMagnitudeUp ? Math.Rounding.Ceil : Math.Rounding.Floor
        );
        return _signed(m, negative && m != 0);
    }

    function mulFloor(int256 a, int256 b) internal pure returns (int256) {
        return _mulDivSigned(a, b, int256(WAD), false);
    }

    function mulCeil(int256 a, int256 b) internal pure returns (int256) {
        return _mulDivSigned(a, b, int256(WAD), true);
    }

    function divFloor(int256 a, int256 b) internal pure returns (int256) {
        if (b == 0) Panic.panic(Panic.DIVISION_BY_ZERO);
        return _mulDivSigned(a, int256(WAD), b, false);
    }

    function divCeil(int256 a, int256 b) internal pure returns (int256) {
        if (b == 0) Panic.panic(Panic.DIVISION_BY_ZERO);
        return _mulDivSigned(a, int256(WAD), b, true);
    }
}
