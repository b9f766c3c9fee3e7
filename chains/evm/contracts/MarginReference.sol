// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {SignedWad} from "./SignedWad.sol";

/// @title xmargin's on-chain reference: SPEC §2–§3 (prices, standard-mode margin) as a pure view.
/// @notice The same operations, in the same order, with the same rounding as the C++ engine, so that
///         both give the same integers for the same account — and both fail (overflow ⇔ revert)
///         on the same inputs. All values are WAD (18-decimal) int256; checked arithmetic reverts
///         with Panic(0x11) on overflow. The differential test (chains/tests) holds the two together.
contract MarginReference {
    using SignedWad for int256;

    /// @dev An asset's oracle price p > 0, confidence c ≥ 0 and its collateral weights.
    struct Asset {
        int256 price;
        int256 conf;
        int256 initAssetWeight; // ≤ 1
        int256 maintAssetWeight; // ≤ 1
        int256 initLiabWeight; // ≥ 1
        int256 maintLiabWeight; // ≥ 1
    }

    /// @dev A chain's collateral weight and the age of its balance snapshot.
    struct Chain {
        int256 weight; // ≤ 1
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

    struct Position {
        uint256 market; // index into Input.markets
        int256 size; // base units, signed
        int256 quote; // USD cash
        bool isolated;
        int256 collateral; // isolated only
    }

    struct Input {
        int256 confMultiplier;
        int256 now_;
        Asset[] assets;
        Chain[] chains;
        Market[] markets;
        Balance[] balances;
        Position[] positions;
    }

    struct Health {
        int256 equity;
        int256 requirement;
        int256 health;
    }

    struct Result {
        Health init;
        Health maint;
        Health[] isolatedInit; // one per isolated position, in input order
        Health[] isolatedMaint;
    }

    /// @dev p − mul(k, c, ceil) ≤ 0: the conservative low price of `asset` is not positive.
    error Unpriceable(uint256 asset);

    struct Band {
        int256 lo;
        int256 hi;
    }

    /// @notice Init and maint equity, requirement and health of one account (SPEC §3).
    function evaluate(Input calldata input) external pure returns (Result memory r) {
        // §2: conservative price band per asset, before anything else.
        Band[] memory bands = new Band[](input.assets.length);
        for (uint256 i = 0; i < input.assets.length; ++i) {
            int256 widen = input.confMultiplier.mulCeil(input.assets[i].conf);
            bands[i].lo = input.assets[i].price - widen;
            if (bands[i].lo <= 0) revert Unpriceable(i);
            bands[i].hi = input.assets[i].price + widen;
        }

        // §3 collateral: Σ v over balances, in order.
        for (uint256 i = 0; i < input.balances.length; ++i) {
            (int256 vInit, int256 vMaint, bool countsForInit) = _balanceValue(input, bands, input.balances[i]);
            if (countsForInit) r.init.equity += vInit;
            r.maint.equity += vMaint;
        }

        // §3 perps: cross positions add to the account; isolated ones stand alone.
        uint256 isolatedCount = 0;
        for (uint256 i = 0; i < input.positions.length; ++i) {
            if (input.positions[i].isolated) ++isolatedCount;
        }
        r.isolatedInit = new Health[](isolatedCount);
        r.isolatedMaint = new Health[](isolatedCount);
        uint256 k = 0;
        for (uint256 i = 0; i < input.positions.length; ++i) {
            Position calldata pos = input.positions[i];
            Market calldata m = input.markets[pos.market];
            Asset calldata a = input.assets[m.baseAsset];
            Band memory band = bands[m.baseAsset];
            // Init: longs valued at p_lo, shorts at p_hi; notional at p_hi. Maint: p throughout.
            (int256 pnlInit, int256 reqInit) =
                _perp(pos, m, pos.size > 0 ? band.lo : band.hi, band.hi, m.initPnlWeight, true);
            (int256 pnlMaint, int256 reqMaint) = _perp(pos, m, a.price, a.price, m.maintPnlWeight, false);
            if (pos.isolated) {
                r.isolatedInit[k] = _isolated(pos.collateral, pnlInit, reqInit);
                r.isolatedMaint[k] = _isolated(pos.collateral, pnlMaint, reqMaint);
                ++k;
            } else {
                r.init.equity += pnlInit;
                r.init.requirement += reqInit;
                r.maint.equity += pnlMaint;
                r.maint.requirement += reqMaint;
            }
        }
        r.init.health = r.init.equity - r.init.requirement;
        r.maint.health = r.maint.equity - r.maint.requirement;
    }

    /// @dev v for init and maint; a positive balance on a stale chain does not count for init.
    function _balanceValue(Input calldata input, Band[] memory bands, Balance calldata b)
        private
        pure
        returns (int256 vInit, int256 vMaint, bool countsForInit)
    {
        Asset calldata a = input.assets[b.asset];
        Chain calldata c = input.chains[b.chain];
        if (b.amount >= 0) {
            vInit = b.amount.mulFloor(bands[b.asset].lo).mulFloor(a.initAssetWeight).mulFloor(c.weight);
            vMaint = b.amount.mulFloor(a.price).mulFloor(a.maintAssetWeight).mulFloor(c.weight);
            countsForInit = !(input.now_ - c.snapshotTs > c.maxStalenessS);
        } else {
            vInit = b.amount.mulFloor(bands[b.asset].hi).mulFloor(a.initLiabWeight);
            vMaint = b.amount.mulFloor(a.price).mulFloor(a.maintLiabWeight);
            countsForInit = true;
        }
    }

    /// @dev pnl (weighted when positive) and the tiered requirement of one position at one price.
    function _perp(Position calldata pos, Market calldata m, int256 price, int256 notionalPrice, int256 pnlWeight, bool init)
        private
        pure
        returns (int256 pnl, int256 requirement)
    {
        pnl = pos.size.mulFloor(price) + pos.quote;
        if (pnl > 0) pnl = pnl.mulFloor(pnlWeight);
        int256 absSize = pos.size < 0 ? -pos.size : pos.size; // −(−2^255) reverts: |size| overflows
        int256 notional = absSize.mulCeil(notionalPrice);
        for (uint256 t = 0; t < m.tiers.length; ++t) {
            Tier calldata tier = m.tiers[t];
            int256 inTier = notional - tier.lo;
            if (inTier < 0) inTier = 0;
            if (tier.hasHi) {
                int256 width = tier.hi - tier.lo;
                if (inTier > width) inTier = width;
            }
            requirement += inTier.mulCeil(init ? tier.imr : tier.mmr);
        }
    }

    function _isolated(int256 collateral, int256 pnl, int256 requirement) private pure returns (Health memory h) {
        h.equity = collateral + pnl;
        h.requirement = requirement;
        h.health = h.equity - h.requirement;
    }
}
