// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {SignedWad} from "./SignedWad.sol";

/// @title xmargin's on-chain reference: SPEC §2–§3 (prices, standard-mode margin) as a pure view.
/// @notice The same operations, in the same order, with the same rounding as the C++ engine
///         (engine/src/margin.cpp, `evaluate`), so that both give the same integers for the same
///         account and fail on the same inputs: C++ `overflow` ⇔ a Panic(0x11) revert here,
///         C++ `unpriceable_asset` ⇔ `Unpriceable(asset)`. All values are WAD (18-decimal) int256
///         under checked arithmetic. The differential test in chains/tests/live holds the two together.
///
///         Order (as in the engine): balances in input order (price band resolved on first use,
///         init value, maint value, then the two equity sums); cross perps in input order (band,
///         init pnl, init notional, init requirement, maint pnl, maint notional, maint requirement,
///         equity sums); then the requirement sums; health; margin ratio; then isolated positions.
contract MarginReference {
    using SignedWad for int256;

    /// @dev An asset's oracle price p, confidence c ≥ 0 and its collateral weights.
    struct Asset {
        int256 price;
        int256 conf;
        int256 initAssetWeight;
        int256 maintAssetWeight;
        int256 initLiabWeight;
        int256 maintLiabWeight;
    }

    /// @dev A chain's collateral weight and the age of its balance snapshot.
    struct Chain {
        int256 weight;
        int256 maxStalenessS;
        int256 snapshotTs; // unix seconds
    }

    struct Balance {
        uint256 chain; // index into Input.chains
        uint256 asset; // index into Input.assets
        int256 amount; // negative = borrow
    }

    /// @dev A progressive bracket [lo, hi) of notional; hasHi = false is +∞ (the last tier).
    struct Tier {
        int256 lo;
        int256 hi;
        bool hasHi;
        int256 imr;
        int256 mmr;
    }

    struct Market {
        uint256 baseAsset; // index into Input.assets
        int256 initPnlWeight;
        int256 maintPnlWeight;
        Tier[] tiers;
    }

    struct Perp {
        uint256 market; // index into Input.markets
        int256 size; // base units, signed
        int256 quote; // USD cash
    }

    struct Isolated {
        uint256 market;
        int256 size;
        int256 quote;
        int256 collateral; // USD, its own
    }

    struct Input {
        int256 confMultiplier;
        int256 now_;
        Asset[] assets;
        Chain[] chains;
        Market[] markets;
        Balance[] balances;
        Perp[] perps; // cross
        Isolated[] isolated;
    }

    struct Health {
        int256 equity;
        int256 requirement;
        int256 health;
    }

    struct BalanceValue {
        int256 valueInit; // 0 for a positive balance on a stale chain
        int256 valueMaint;
        bool stale;
    }

    struct PositionValue {
        int256 notionalInit;
        int256 notionalMaint;
        int256 pnlInit;
        int256 pnlMaint;
        int256 requirementInit;
        int256 requirementMaint;
    }

    struct Result {
        Health init; // the cross pool
        Health maint;
        bool hasMarginRatio; // maint equity > 0
        int256 marginRatio; // div(maint requirement, maint equity, ceil)
        BalanceValue[] balances;
        PositionValue[] perps;
        PositionValue[] isolatedPositions;
        Health[] isolatedInit;
        Health[] isolatedMaint;
    }

    /// @dev SPEC §2: p ≤ 0, or p_lo = p − mul(k, c, ceil) ≤ 0.
    error Unpriceable(uint256 asset);

    struct Band {
        int256 maint; // p
        int256 lo;
        int256 hi;
    }

    /// @notice Init and maint equity, requirement and health of one account (SPEC §3).
    function evaluate(Input calldata input) external pure returns (Result memory r) {
        int256 initEquity;
        int256 maintEquity;
        r.balances = new BalanceValue[](input.balances.length);
        for (uint256 i = 0; i < input.balances.length; ++i) {
            BalanceValue memory v = _balanceValue(input, input.balances[i]);
            r.balances[i] = v;
            initEquity += v.valueInit;
            maintEquity += v.valueMaint;
        }

        r.perps = new PositionValue[](input.perps.length);
        for (uint256 i = 0; i < input.perps.length; ++i) {
            Perp calldata p = input.perps[i];
            r.perps[i] = _position(input, p.market, p.size, p.quote);
            initEquity += r.perps[i].pnlInit;
            maintEquity += r.perps[i].pnlMaint;
        }
        int256 initRequirement;
        int256 maintRequirement;
        for (uint256 i = 0; i < input.perps.length; ++i) {
            initRequirement += r.perps[i].requirementInit;
            maintRequirement += r.perps[i].requirementMaint;
        }
        r.init = _side(initEquity, initRequirement);
        r.maint = _side(maintEquity, maintRequirement);
        if (r.maint.equity > 0) {
            r.hasMarginRatio = true;
            // Rounds up: a higher ratio is the worse reading.
            r.marginRatio = r.maint.requirement.divCeil(r.maint.equity);
        }

        r.isolatedPositions = new PositionValue[](input.isolated.length);
        r.isolatedInit = new Health[](input.isolated.length);
        r.isolatedMaint = new Health[](input.isolated.length);
        for (uint256 i = 0; i < input.isolated.length; ++i) {
            Isolated calldata p = input.isolated[i];
            PositionValue memory pos = _position(input, p.market, p.size, p.quote);
            r.isolatedPositions[i] = pos;
            r.isolatedInit[i] = _side(p.collateral + pos.pnlInit, pos.requirementInit);
            r.isolatedMaint[i] = _side(p.collateral + pos.pnlMaint, pos.requirementMaint);
        }
    }

    /// @dev SPEC §2: the conservative band, checked in the engine's order (p > 0, band, p_hi, p_lo > 0).
    function _band(Input calldata input, uint256 asset) private pure returns (Band memory b) {
        Asset calldata a = input.assets[asset];
        if (a.price <= 0) revert Unpriceable(asset);
        // The band is subtracted from assets and added to liabilities: ceil widens it.
        int256 widen = input.confMultiplier.mulCeil(a.conf);
        b.maint = a.price;
        b.lo = a.price - widen;
        b.hi = a.price + widen;
        if (b.lo <= 0) revert Unpriceable(asset);
    }

    /// @dev v for init and maint; a positive balance on a stale chain is worth 0 for init.
    function _balanceValue(Input calldata input, Balance calldata b) private pure returns (BalanceValue memory v) {
        Chain calldata c = input.chains[b.chain];
        v.stale = input.now_ - c.snapshotTs > c.maxStalenessS;
        Band memory band = _band(input, b.asset);
        Asset calldata a = input.assets[b.asset];
        if (b.amount >= 0) {
            if (!v.stale) {
                v.valueInit = b.amount.mulFloor(band.lo).mulFloor(a.initAssetWeight).mulFloor(c.weight);
            }
            v.valueMaint = b.amount.mulFloor(band.maint).mulFloor(a.maintAssetWeight).mulFloor(c.weight);
        } else {
            v.valueInit = b.amount.mulFloor(band.hi).mulFloor(a.initLiabWeight);
            v.valueMaint = b.amount.mulFloor(band.maint).mulFloor(a.maintLiabWeight);
        }
    }

    /// @dev Init: longs at p_lo, shorts at p_hi, notional at p_hi. Maint: p throughout.
    function _position(Input calldata input, uint256 market, int256 size, int256 quote)
        private
        pure
        returns (PositionValue memory v)
    {
        Market calldata m = input.markets[market];
        Band memory band = _band(input, m.baseAsset);
        v.pnlInit = _pnl(size, quote, size >= 0 ? band.lo : band.hi, m.initPnlWeight);
        v.notionalInit = _notional(size, band.hi);
        v.requirementInit = _requirement(m, v.notionalInit, true);
        v.pnlMaint = _pnl(size, quote, band.maint, m.maintPnlWeight);
        v.notionalMaint = _notional(size, band.maint);
        v.requirementMaint = _requirement(m, v.notionalMaint, false);
    }

    /// @dev pnl = mul(size, P, floor) + quote; a positive pnl is weighted (floor).
    function _pnl(int256 size, int256 quote, int256 price, int256 weight) private pure returns (int256 pnl) {
        pnl = size.mulFloor(price) + quote;
        if (pnl > 0) pnl = pnl.mulFloor(weight);
    }

    /// @dev mul(|size|, P, ceil); |−2^255| overflows int256 and reverts, as in the engine.
    function _notional(int256 size, int256 price) private pure returns (int256) {
        int256 absSize = size < 0 ? -size : size;
        return absSize.mulCeil(price);
    }

    /// @dev Σ_tiers mul(clamp(notional − lo, 0, hi − lo), rate, ceil); brackets above the notional add 0.
    function _requirement(Market calldata m, int256 notional, bool init) private pure returns (int256 total) {
        for (uint256 t = 0; t < m.tiers.length; ++t) {
            Tier calldata tier = m.tiers[t];
            if (notional <= tier.lo) break;
            int256 inBracket = notional - tier.lo;
            if (tier.hasHi) {
                int256 width = tier.hi - tier.lo;
                if (width < inBracket) inBracket = width;
            }
            total += inBracket.mulCeil(init ? tier.imr : tier.mmr);
        }
    }

    function _side(int256 equity, int256 requirement) private pure returns (Health memory h) {
        h.equity = equity;
        h.requirement = requirement;
        h.health = equity - requirement;
    }
}
