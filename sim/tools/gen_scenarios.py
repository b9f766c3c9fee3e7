# Writes the bundled simulator scenarios (fixtures/scenarios/*.json): python3 sim/tools/gen_scenarios.py fixtures/scenarios
import json, copy, sys
out = sys.argv[1]
def tiers():
    return [{"lo":"0","hi":"1000000","imr":"0.1","mmr":"0.05"},{"lo":"1000000","imr":"0.2","mmr":"0.1"}]
def market(mid, base, lot):
    return {"base":base,"lot_size":lot,"tiers":tiers(),"init_pnl_weight":"0.9","maint_pnl_weight":"0.95",
            "liquidation_fee":"0.01","insurance_share":"0.5"}
def asset_params(i, a, l):
    return {"init_asset_weight":a,"maint_asset_weight":a,"init_liab_weight":l,"maint_liab_weight":l}
def src(name, noise=5, lat=0):
    d={"name":name,"noise_bps":noise}
    if lat: d["latency_steps"]=lat
    return d
def gbm(sigma, w="0.7", jp="0", jm="0", js="0"):
    d={"kind":"gbm","sigma_annual":sigma,"market_weight":w}
    if jp!="0": d.update({"jump_prob_per_step":jp,"jump_mean":jm,"jump_sigma":js})
    return d
VARIANTS=[{"name":"cross-defended","margin_mode":"cross","defenses":True},
          {"name":"isolated-defended","margin_mode":"isolated","defenses":True},
          {"name":"cross-undefended","margin_mode":"cross","defenses":False},
          {"name":"isolated-undefended","margin_mode":"isolated","defenses":False}]
def base(name, note):
    return {
      "format":"xmargin-scenario/1","name":name,"note":note,"seed":7,"steps":720,"step_s":10,"start_ts":1583971200,
      "params":{
        "assets":{"USDC":asset_params("USDC","1","1"),"ETH":asset_params("ETH","0.8","1.2"),"BTC":asset_params("BTC","0.85","1.15")},
        "chains":{"1":{"name":"ethereum","collateral_weight":"1","max_staleness_s":120},
                  "42161":{"name":"arbitrum","collateral_weight":"0.95","max_staleness_s":60}},
        "markets":{"BTC-PERP":market("BTC-PERP","BTC","0.001"),"ETH-PERP":market("ETH-PERP","ETH","0.01")},
        "conf_multiplier":"0","liquidation_buffer":"0.02"},
      "assets":[
        {"id":"USDC","initial_price":"1","path":{"kind":"fixed"}},
        {"id":"ETH","initial_price":"200","path":gbm("0.8"),"sources":[src("binance"),src("coinbase"),src("kraken",8,1)]},
        {"id":"BTC","initial_price":"8000","path":gbm("0.7"),"sources":[src("binance"),src("coinbase"),src("kraken",8,1)]}],
      "oracle":{"min_sources":2,"max_age_s":60,"max_future_s":5,"max_deviation":"0.05","drift_rounds":3,"recovery_rounds":3,
                "breaker_max_move":"0.15","breaker_window_s":300,"breaker_cooldown_s":600},
      "liquidation":{"latency_steps":1,"missed_after_steps":6,"insurance_fund":"50000"},
      "population":{"count":400,"collateral_asset":"USDC","collateral_min":"1000","collateral_max":"20000",
                    "leverage":[{"leverage":"2","weight":30},{"leverage":"4","weight":30},{"leverage":"6","weight":25},{"leverage":"8","weight":15}],
                    "hedged_fraction":"0.5","isolated_fraction":"0.3","markets":["BTC-PERP","ETH-PERP"],
                    "chains":[{"chain":1,"weight":7},{"chain":42161,"weight":3}]},
      "faults":[],
      "variants":copy.deepcopy(VARIANTS),
      "expect":{"invariant_violations":0}}
S={}
s=base("calm","A calm two-hour market: ETH and BTC as correlated GBMs (annual vol 80 % / 70 %), three honest sources each, no faults. Expect: no invariant violation; few liquidations.")
S["calm"]=s

s=base("flash-crash","ETH on 2020-03-12: ETH falls 40 % and BTC 35 % within 5 minutes (30 steps of 10 s), hold 10 minutes, recover over an hour; gas spike: liquidations wait 6 steps during the fall. Hedged population only (long one market, short the other). Expect: cross margin liquidates fewer pools than isolated on the same accounts (the hedge offsets in cross, not in isolated).")
s["population"]["hedged_fraction"]="1"
s["faults"]=[{"kind":"flash_crash","asset":"ETH","start_step":120,"duration_steps":30,"depth":"0.4","hold_steps":60,"recover_steps":360},
             {"kind":"flash_crash","asset":"BTC","start_step":120,"duration_steps":30,"depth":"0.35","hold_steps":60,"recover_steps":360},
             {"kind":"liquidation_latency","start_step":120,"duration_steps":90,"latency_steps":6}]
s["expect"]["fewer"]=[{"metric":"liquidations","variant":"cross-defended","than":"isolated-defended"},
                      {"metric":"liquidations","variant":"cross-undefended","than":"isolated-undefended"}]
S["flash_crash"]=s

s=base("manipulation","MNGO, October 2022: a thin market with two sources; one of them (ascendex) is pumped 5x for 20 minutes. Without defenses the two-source median (mean of the two) follows the pump and shorts are liquidated though they are healthy at the true price; with defenses both quotes deviate from their mean by more than 5 %, the asset goes insufficient/halted and nothing is liquidated on the manipulated price. Expect: fewer false liquidations with defenses on.")
s["params"]["assets"]["MNGO"]=asset_params("MNGO","0.5","1.5")
s["params"]["markets"]["MNGO-PERP"]=market("MNGO-PERP","MNGO","1")
s["assets"].append({"id":"MNGO","initial_price":"0.03","path":gbm("1.5","0.3"),"sources":[src("ascendex",20),src("ftx",20)]})
s["population"]["markets"]=["ETH-PERP","MNGO-PERP"]
s["population"]["hedged_fraction"]="0.3"
s["faults"]=[{"kind":"spike","asset":"MNGO","source":"ascendex","start_step":200,"duration_steps":120,"magnitude":"4"}]
s["expect"]["fewer"]=[{"metric":"false_liquidations","variant":"cross-defended","than":"cross-undefended"},
                      {"metric":"false_liquidations","variant":"isolated-defended","than":"isolated-undefended"}]
S["manipulation"]=s

s=base("frozen-floor","LUNA, May 2022: LUNA collapses 99.9 % over two hours while two of its three feeds are frozen at a floor of 30 USD (a Chainlink-style min-answer clamp with fresh timestamps) for 100 minutes, then unfreeze. The median sits at the floor, so longs whose liquidation price is below the floor are not liquidated while they are under water at the true price (missed liquidations), and are liquidated deep in bad debt when the feeds unfreeze. The defenses do not help: the honest feed is the deviant one.")
s["params"]["assets"]["LUNA"]=asset_params("LUNA","0.5","1.5")
s["params"]["markets"]["LUNA-PERP"]=market("LUNA-PERP","LUNA","0.01")
s["assets"].append({"id":"LUNA","initial_price":"80","path":gbm("1.2","0.3"),"sources":[src("chainlink",5),src("chainlink_mirror",5),src("binance",10)]})
s["population"]["markets"]=["ETH-PERP","LUNA-PERP"]
s["population"]["hedged_fraction"]="0.2"
s["population"]["leverage"]=[{"leverage":"1.5","weight":30},{"leverage":"2","weight":30},{"leverage":"3","weight":25},{"leverage":"5","weight":15}]
s["faults"]=[{"kind":"flash_crash","asset":"LUNA","start_step":60,"duration_steps":600,"depth":"0.999"},
             {"kind":"frozen","asset":"LUNA","source":"chainlink","start_step":60,"duration_steps":600,"floor_price":"30"},
             {"kind":"frozen","asset":"LUNA","source":"chainlink_mirror","start_step":60,"duration_steps":600,"floor_price":"30"}]
S["frozen_floor"]=s

s=base("drift","One ETH source (kraken) drifts upward by 0.05 % of the price per step (0.3 % a minute) for 400 steps while ETH slides 15 % over 200 steps. The three-source median is robust to one drifting source; with defenses the source is flagged deviant past 5 % and quarantined after 3 rounds, which leaves ETH degraded, and since only ok prices liquidate (the planner refuses degraded), liquidations wait until the drift ends: the defended variants show missed liquidations the undefended ones do not.")
s["faults"]=[{"kind":"drift","asset":"ETH","source":"kraken","start_step":100,"duration_steps":400,"rate_per_step":"0.0005"},
             {"kind":"flash_crash","asset":"ETH","start_step":150,"duration_steps":200,"depth":"0.15","hold_steps":400}]
s["expect"]["fewer"]=[{"metric":"missed_liquidations","variant":"cross-undefended","than":"cross-defended"}]
S["drift"]=s

s=base("chain-delay","Arbitrum's balance snapshot stops advancing for 40 minutes (240 steps) while ETH falls 20 % over 10 minutes. Per SPEC §3 a stale chain's positive balances leave init but still count for maint at their last value, so liquidations are unaffected; the report counts the account-steps that depended on stale chain data.")
s["faults"]=[{"kind":"chain_delay","chain":42161,"start_step":100,"duration_steps":240},
             {"kind":"flash_crash","asset":"ETH","start_step":150,"duration_steps":60,"depth":"0.2","hold_steps":120,"recover_steps":0}]
S["chain_delay"]=s

s=base("outage","Every ETH source is silent for 20 minutes (120 steps) while ETH falls 25 %: the asset is insufficient, nothing priced by it is liquidated, and unhealthy accounts accumulate (missed liquidations). When the sources return the price has moved 25 %, but the last accepted price is older than the breaker window (300 s), so the breaker has no reference and does not trip; liquidations resume at once, deep in bad debt.")
s["faults"]=[{"kind":"outage","asset":"ETH","start_step":200,"duration_steps":120},
             {"kind":"flash_crash","asset":"ETH","start_step":200,"duration_steps":120,"depth":"0.25","hold_steps":400}]
S["outage"]=s

for k,v in S.items():
    json.dump(v, open(f"{out}/{k}.json","w"), indent=2)
    open(f"{out}/{k}.json","a").write("\n")
