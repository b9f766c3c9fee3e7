// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @notice The read side of a Chainlink price feed, as the project uses it (written from the
///         published interface description: latestRoundData and decimals).
interface AggregatorV3Interface {
    function decimals() external view returns (uint8);

    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
}
