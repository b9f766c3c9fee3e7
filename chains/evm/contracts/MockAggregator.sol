// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AggregatorV3Interface} from "./AggregatorV3Interface.sol";

/// @title A Chainlink-style aggregator for tests: the owner sets each round's answer and time.
contract MockAggregator is AggregatorV3Interface {
    uint8 public immutable override decimals;
    address public immutable owner;
    uint80 public roundId;
    int256 public answer;
    uint256 public startedAt;
    uint256 public updatedAt;

    error NotOwner();

    constructor(uint8 decimals_) {
        decimals = decimals_;
        owner = msg.sender;
    }

    /// @param updatedAt_ the round's update time (unix seconds), set explicitly so tests control staleness.
    function setRound(int256 answer_, uint256 updatedAt_) external {
        if (msg.sender != owner) revert NotOwner();
        roundId += 1;
        answer = answer_;
        startedAt = updatedAt_;
        updatedAt = updatedAt_;
    }

    function latestRoundData() external view override returns (uint80, int256, uint256, uint256, uint80) {
        return (roundId, answer, startedAt, updatedAt, roundId);
    }
}
