#!/usr/bin/env python3
"""Independent checker of xmargin against SPEC.md §1-§4, written from the SPEC (and, for the
liquidation plan, docs/liquidation.md decisions) only, without reading engine/src or tests/reference.

Integers only (Python int is unbounded): every mul/div is exact and rounded once, floor toward -inf,
ceil toward +inf; every result outside int256 raises Overflow, as Solidity 0.8 would revert.

Usage: spec_check.py --xmargin PATH [--cases N] [--seed S] [--only I] [--keep DIR]
  (env XM_SEED replays a seed; --only I checks just generated case I of that seed; --keep DIR saves
  the fixtures of failing and known-discrepancy cases there)

What it compares, field by field, to the wei:
- `xmargin health --json` on every fixtures/margin/*.json (params-valid ones): per account init/maint
  equity, requirement, health, liquidatable, margin_ratio, free_collateral, stale_chain, every
  balance (value_init/maint, stale), every cross and isolated position (notional, pnl, requirement,
  init/maint/liquidatable of isolated ones) or the account's error code;
- `xmargin liquidate --json` on every fixtures/liquidation/*.json: the refusal reason, or every step
  field, the cross summary, bad debts, insurance, liquidator, account_after; plus exact conservation
  (per market, per (chain, asset), USD) of the engine's own plan;
- SPEC §1 edges: malformed decimals must be exit 2 naming the JSON path; int256 bounds exactly;
- N seeded random fixtures, alternating margin and liquidation: conf bands (p_lo <= 0 included),
  stale/fresh/future chain snapshots at the exact max_staleness_s boundary, chain and asset weights,
  1-3 progressive tiers with notionals at and one wei around a boundary, borrows, isolated positions,
  negative pnl, one-wei amounts, values near 2^255 (overflow errors), accounts just under their
  maintenance line (partial closes), wei-scale positions, borrow repayment, bad debt.
Known discrepancies (engine follows a documented decision that contradicts SPEC's wording) are in
KNOWN below: they are counted and listed, not failed.
"""
import argparse, json, os, random, subprocess, sys, tempfile, glob

WAD = 10 ** 18
I256_MIN, I256_MAX = -(2 ** 255), 2 ** 255 - 1


class Overflow(Exception):
    pass


class AccountError(Exception):
    def __init__(self, code):
        super().__init__(code)
        self.code = code


def chk(x):
    if x < I256_MIN or x > I256_MAX:
        raise Overflow()
    return x


def fdiv(a, b):  # floor toward -inf
    return a // b


def cdiv(a, b):  # ceil toward +inf
    return -((-a) // b)


def mul(a, b, r):
    return chk(fdiv(a * b, WAD) if r == 'floor' else cdiv(a * b, WAD))


def div(a, b, r):
    if b == 0:
        raise ZeroDivisionError
    n, d = a * WAD, b
    if d < 0:
        n, d = -n, -d
    return chk(fdiv(n, d) if r == 'floor' else cdiv(n, d))


def add(a, b):
    return chk(a + b)


def sub(a, b):
    return chk(a - b)


def absv(a):
    return chk(abs(a))


# ---------- decimal text <-> raw ----------
def parse_wad(s):
    if not isinstance(s, str):
        raise ValueError('not a string: %r' % (s,))
    neg = s.startswith('-')
    t = s[1:] if neg else s
    if '.' in t:
        ip, fp = t.split('.')
    else:
        ip, fp = t, ''
    if not ip.isdigit() or (('.' in t) and not fp.isdigit()) or len(fp) > 18:
        raise ValueError('bad decimal %r' % s)
    v = int(ip) * WAD + int((fp + '0' * 18)[:18] or '0')
    return chk(-v if neg else v)


def fmt_wad(v):
    sign = '-' if v < 0 else ''
    a = abs(v)
    ip, fp = divmod(a, WAD)
    if fp == 0:
        return '%s%d' % (sign, ip)
    return '%s%d.%s' % (sign, ip, ('%018d' % fp).rstrip('0'))


def as_int(x):
    return int(x) if isinstance(x, (int, str)) else int(x)


# ---------- model ----------
class Params:
    def __init__(self, p):
        self.k = parse_wad(p.get('conf_multiplier', '0'))
        self.buffer = parse_wad(p.get('liquidation_buffer', '0'))
        self.assets = {}
        for a, v in p.get('assets', {}).items():
            self.assets[a] = {f: parse_wad(v[f]) for f in
                              ('init_asset_weight', 'maint_asset_weight', 'init_liab_weight', 'maint_liab_weight')}
        self.chains = {}
        for c, v in p.get('chains', {}).items():
            self.chains[int(c)] = {'w': parse_wad(v.get('collateral_weight', '1')),
                                   'max_stale': as_int(v['max_staleness_s'])}
        self.markets = {}
        for m, v in p.get('markets', {}).items():
            tiers = []
            for t in v['tiers']:
                tiers.append({'lo': parse_wad(t['lo']), 'hi': parse_wad(t['hi']) if 'hi' in t else None,
                              'imr': parse_wad(t['imr']), 'mmr': parse_wad(t['mmr'])})
            self.markets[m] = {'base': v['base'], 'lot': parse_wad(v['lot_size']), 'tiers': tiers,
                               'wi': parse_wad(v['init_pnl_weight']), 'wm': parse_wad(v['maint_pnl_weight']),
                               'fee': parse_wad(v['liquidation_fee']), 'ins': parse_wad(v['insurance_share'])}


def read_prices(pr):
    out = {}
    for a, v in pr.items():
        out[a] = {'p': parse_wad(v['price']), 'c': parse_wad(v.get('conf', '0')), 'status': v.get('status', 'ok')}
    return out


def band(params, prices, asset):
    """SPEC §2: returns (p_lo, p, p_hi); raises missing_price / unpriceable_asset."""
    if asset not in prices:
        raise AccountError('missing_price')
    p, c = prices[asset]['p'], prices[asset]['c']
    if p <= 0:
        raise AccountError('unpriceable_asset')
    kc = mul(params.k, c, 'ceil')
    lo, hi = sub(p, kc), add(p, kc)
    if lo <= 0:
        raise AccountError('unpriceable_asset')
    return lo, p, hi


def balance_values(params, prices, snapshots, now, b):
    """SPEC §3 balance: returns (value_init, value_maint, stale)."""
    asset, chain, amt = b['asset'], b['chain'], b['amount']
    if asset not in params.assets:
        raise AccountError('unknown_asset')
    if chain not in params.chains:
        raise AccountError('unknown_chain')
    if chain not in snapshots:
        raise AccountError('missing_chain_snapshot')
    lo, p, hi = band(params, prices, asset)
    aw = params.assets[asset]
    wc = params.chains[chain]['w']
    stale = (now - snapshots[chain]) > params.chains[chain]['max_stale']
    if amt >= 0:
        vm = mul(mul(mul(amt, p, 'floor'), aw['maint_asset_weight'], 'floor'), wc, 'floor')
        vi = mul(mul(mul(amt, lo, 'floor'), aw['init_asset_weight'], 'floor'), wc, 'floor')
        if stale and amt > 0:
            vi = 0
    else:
        vm = mul(mul(amt, p, 'floor'), aw['maint_liab_weight'], 'floor')
        vi = mul(mul(amt, hi, 'floor'), aw['init_liab_weight'], 'floor')
    return vi, vm, stale


def requirement(tiers, notional, rate_key):
    r = 0
    for t in tiers:
        lo, hi = t['lo'], t['hi']
        x = sub(notional, lo)
        if x < 0:
            x = 0
        if hi is not None:
            span = sub(hi, lo)
            if x > span:
                x = span
        r = add(r, mul(x, t[rate_key], 'ceil'))
    return r


def perp_side(m, size, quote, P, Pn, w, rate_key):
    pnl = add(mul(size, P, 'floor'), quote)
    if pnl > 0:
        pnl = mul(pnl, w, 'floor')
    notional = mul(absv(size), Pn, 'ceil')
    req = requirement(m['tiers'], notional, rate_key)
    return pnl, notional, req


def perp_values(params, prices, pos):
    if pos['market'] not in params.markets:
        raise AccountError('unknown_market')
    m = params.markets[pos['market']]
    lo, p, hi = band(params, prices, m['base'])
    size, quote = pos['size'], pos['quote']
    Pi = lo if size >= 0 else hi
    pi, ni, ri = perp_side(m, size, quote, Pi, hi, m['wi'], 'imr')
    pm, nm, rm = perp_side(m, size, quote, p, p, m['wm'], 'mmr')
    return {'notional_init': ni, 'notional_maint': nm, 'pnl_init': pi, 'pnl_maint': pm,
            'requirement_init': ri, 'requirement_maint': rm}


def evaluate_account(params, prices, snapshots, now, acc):
    res = {'balances': [], 'perps': [], 'isolated': []}
    ei = em = 0
    stale_any = False
    for b in acc['balances']:
        vi, vm, st = balance_values(params, prices, snapshots, now, b)
        ei, em = add(ei, vi), add(em, vm)
        stale_any = stale_any or (st and b['amount'] != 0)
        res['balances'].append({'value_init': vi, 'value_maint': vm, 'stale': st})
    pv = []
    for pos in acc['perps']:
        v = perp_values(params, prices, pos)
        pv.append(v)
        ei, em = add(ei, v['pnl_init']), add(em, v['pnl_maint'])
        res['perps'].append(v)
    ri = rm = 0
    for v in pv:
        ri, rm = add(ri, v['requirement_init']), add(rm, v['requirement_maint'])
    res['init'] = {'equity': ei, 'requirement': ri, 'health': sub(ei, ri)}
    res['maint'] = {'equity': em, 'requirement': rm, 'health': sub(em, rm)}
    res['liquidatable'] = res['maint']['health'] < 0
    res['free_collateral'] = max(res['init']['health'], 0)
    res['margin_ratio'] = div(rm, em, 'ceil') if em > 0 else None
    res['stale_chain'] = stale_any
    for pos in acc['isolated']:
        v = dict(perp_values(params, prices, pos))
        col = pos['collateral']
        for side, pk, rk in (('init', 'pnl_init', 'requirement_init'), ('maint', 'pnl_maint', 'requirement_maint')):
            e = add(col, v[pk])
            v[side] = {'equity': e, 'requirement': v[rk], 'health': sub(e, v[rk])}
        v['liquidatable'] = v['maint']['health'] < 0
        res['isolated'].append(v)
    return res


def read_account(a):
    return {'id': a['id'],
            'balances': [{'chain': int(b['chain']), 'asset': b['asset'], 'amount': parse_wad(b['amount'])}
                         for b in a.get('balances', [])],
            'perps': [{'market': p['market'], 'size': parse_wad(p['size']), 'quote': parse_wad(p['quote'])}
                      for p in a.get('perps', [])],
            'isolated': [{'market': p['market'], 'size': parse_wad(p['size']), 'quote': parse_wad(p['quote']),
                          'collateral': parse_wad(p['collateral'])} for p in a.get('isolated', [])]}


def margin_fixture(doc):
    """Returns {account id: result dict or {'error': code}}."""
    params = Params(doc['params'])
    prices = read_prices(doc.get('prices', {}))
    snaps = {int(k): as_int(v) for k, v in doc.get('snapshots', {}).items()}
    now = as_int(doc['now'])
    out = {}
    for a in doc.get('accounts', []):
        try:
            out[a['id']] = evaluate_account(params, prices, snaps, now, read_account(a))
        except AccountError as e:
            out[a['id']] = {'error': e.code}
        except Overflow:
            out[a['id']] = {'error': 'overflow'}
    return out


# ---------- comparison with the engine ----------
def run_engine(xm, cmd, path):
    p = subprocess.run([xm, cmd, path, '--json'], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def wadtext(v):
    return 'none' if v is None else fmt_wad(v)


def same_dec(expected_raw, actual_text):
    try:
        return parse_wad(actual_text) == expected_raw
    except Exception:
        return False


def compare_margin(mine, eng_doc, tag, diffs):
    eng = eng_doc['accounts']
    if len(eng) != len(mine):
        diffs.append('%s: %d accounts expected, engine printed %d' % (tag, len(mine), len(eng)))
        return
    for (aid, r), e in zip(mine.items(), eng):  # errored accounts carry no id: match by index
        if 'error' in r or 'error' in e:
            if r.get('error') != e.get('error'):
                diffs.append('%s: %s.error expected %s, actual %s' % (tag, aid, r.get('error'), e.get('error')))
            continue

        def cmp(path, exp, act):
            if isinstance(exp, bool) or exp is None:
                ok = (exp is None and act == 'none') or (exp is not None and act == exp)
                shown = ('none' if exp is None else exp)
            else:
                ok = isinstance(act, str) and same_dec(exp, act)
                shown = fmt_wad(exp)
            if not ok:
                diffs.append('%s: %s.%s expected %s, actual %s' % (tag, aid, path, shown, act))
        for side in ('init', 'maint'):
            for f in ('equity', 'requirement', 'health'):
                cmp('%s.%s' % (side, f), r[side][f], e[side][f])
        cmp('liquidatable', r['liquidatable'], e['liquidatable'])
        cmp('free_collateral', r['free_collateral'], e['free_collateral'])
        cmp('margin_ratio', r['margin_ratio'], e['margin_ratio'])
        cmp('stale_chain', r['stale_chain'], e['stale_chain'])
        for j, b in enumerate(r['balances']):
            for f in ('value_init', 'value_maint', 'stale'):
                cmp('balances[%d].%s' % (j, f), b[f], e['balances'][j][f])
        for kind in ('perps', 'isolated'):
            for j, pv in enumerate(r[kind]):
                for f in ('notional_init', 'notional_maint', 'pnl_init', 'pnl_maint',
                          'requirement_init', 'requirement_maint'):
                    cmp('%s[%d].%s' % (kind, j, f), pv[f], e[kind][j][f])
                if kind == 'isolated':
                    for side in ('init', 'maint'):
                        for f in ('equity', 'requirement', 'health'):
                            cmp('isolated[%d].%s.%s' % (j, side, f), pv[side][f], e[kind][j][side][f])
                    cmp('isolated[%d].liquidatable' % j, pv['liquidatable'], e[kind][j]['liquidatable'])


# ---------- seeded random fixtures ----------
def rwad(rng, max_units, decimals=None):
    """A random non-negative raw WAD < max_units units with a random number of fractional digits."""
    if decimals is None:
        decimals = rng.choice([0, 0, 1, 2, 4, 6, 9, 18])
    step = 10 ** (18 - decimals)
    top = max(1, (max_units * WAD) // step)
    return rng.randrange(0, top) * step


def rweight(rng, lo=0, hi=WAD):
    return rng.choice([lo, hi, rng.randint(lo, hi), lo + rwad(rng, 1) % (hi - lo + 1)])


def gen_params(rng, big=False):
    assets = {}
    for a in ('USDC', 'ETH', 'BTC', 'SOL'):
        ai = rweight(rng)
        am = rweight(rng, ai, WAD)
        lm = WAD + rwad(rng, 1) // rng.choice([1, 2, 4])
        li = lm + rwad(rng, 1) // rng.choice([1, 2, 8])
        assets[a] = {'init_asset_weight': fmt_wad(ai), 'maint_asset_weight': fmt_wad(am),
                     'init_liab_weight': fmt_wad(li), 'maint_liab_weight': fmt_wad(lm)}
    chains = {}
    for c in ('1', '10', '42161'):
        chains[c] = {'name': 'c' + c, 'collateral_weight': fmt_wad(rweight(rng)),
                     'max_staleness_s': rng.choice([0, 30, 60, 120])}
    markets = {}
    for m, base in (('ETH-PERP', 'ETH'), ('BTC-PERP', 'BTC'), ('SOL-PERP', 'SOL')):
        n = rng.choice([1, 1, 2, 3])
        bounds = sorted(set(rng.choice([1000, 5000, 10000, 50000, 100000, 250000]) * WAD
                            + rng.choice([0, 0, rwad(rng, 1)]) for _ in range(n - 1)))
        tiers, lo = [], 0
        min_mmr = None
        for i in range(len(bounds) + 1):
            mmr = rng.choice([WAD // 100, WAD // 20, WAD // 10]) + rng.randrange(0, WAD // 50) * (i + 1)
            imr = mmr + rng.choice([0, mmr, rng.randrange(0, WAD // 10)])
            t = {'lo': fmt_wad(lo), 'imr': fmt_wad(imr), 'mmr': fmt_wad(mmr)}
            if i < len(bounds):
                t['hi'] = fmt_wad(bounds[i])
                lo = bounds[i]
            tiers.append(t)
            min_mmr = mmr if min_mmr is None else min(min_mmr, mmr)
        wi = rweight(rng)
        wm = rweight(rng, wi, WAD)
        markets[m] = {'base': base, 'lot_size': rng.choice(['0.001', '0.01', '1', '0.000000000000000001', '0.1']),
                      'tiers': tiers, 'init_pnl_weight': fmt_wad(wi), 'maint_pnl_weight': fmt_wad(wm),
                      'liquidation_fee': fmt_wad(rng.randrange(0, min_mmr)),
                      'insurance_share': fmt_wad(rweight(rng))}
    return {'conf_multiplier': fmt_wad(rng.choice([0, WAD, 2 * WAD, rwad(rng, 3)])),
            'liquidation_buffer': fmt_wad(rng.choice([0, WAD // 10, rwad(rng, 1)])),
            'assets': assets, 'chains': chains, 'markets': markets}


def gen_prices(rng, big=False):
    out = {}
    for a, scale in (('USDC', 1), ('ETH', 3000), ('BTC', 60000), ('SOL', 150)):
        p = rng.choice([scale * WAD, rwad(rng, 2 * scale, rng.choice([0, 2, 18])) + 1])
        if big and rng.random() < 0.5:
            p = p * 10 ** rng.randint(10, 30)
        c = rng.choice([0, 0, p // 100, rwad(rng, scale // 10 + 1, 18), 0, p // 50, p if rng.random() < 0.2 else 0])  # conf = p: band may hit 0
        e = {'price': fmt_wad(p), 'conf': fmt_wad(c)}
        if rng.random() < 0.1:
            e['status'] = rng.choice(['degraded', 'halted', 'insufficient'])
        if rng.random() < 0.02:
            e['price'] = rng.choice(['0', '-1'])
        out[a] = e
    return out


def gen_amount(rng, scale, big):
    v = rwad(rng, scale)
    r = rng.random()
    if r < 0.05:
        v = 1  # one wei
    elif big and r < 0.5:
        v = rng.randrange(2 ** 200, 2 ** 254)
    elif big and r < 0.7:
        v = rng.randrange(2 ** 120, 2 ** 170)
    return v


def gen_account(rng, i, params, prices, big):
    acc = {'id': 'a%d' % i, 'balances': [], 'perps': [], 'isolated': []}
    seen = set()
    for _ in range(rng.randint(0, 4)):
        key = (rng.choice([1, 10, 42161]), rng.choice(['USDC', 'ETH', 'BTC', 'SOL']))
        if key in seen:
            continue
        seen.add(key)
        amt = gen_amount(rng, 100000 if key[1] == 'USDC' else 50, big)
        if rng.random() < 0.3:
            amt = -amt
        acc['balances'].append({'chain': key[0], 'asset': key[1], 'amount': fmt_wad(amt)})
    mk = list(params['markets'])
    rng.shuffle(mk)
    for m in mk[:rng.randint(0, 3)]:
        acc['perps'].append(gen_position(rng, params, prices, m, big))
    for m in mk[:rng.randint(0, 2)]:
        p = gen_position(rng, params, prices, m, big)
        p['collateral'] = fmt_wad(gen_amount(rng, 20000, big) * rng.choice([1, 1, 1, -1]))
        acc['isolated'].append(p)
    if rng.random() < 0.02:
        acc['balances'].append({'chain': 5, 'asset': 'USDC', 'amount': '1'})
    if rng.random() < 0.02:
        acc['perps'].append({'market': 'DOGE-PERP', 'size': '1', 'quote': '0'})
    return acc


def gen_position(rng, params, prices, m, big):
    base = params['markets'][m]['base']
    p = parse_wad(prices[base]['price'])
    size = None
    tiers = params['markets'][m]['tiers']
    if rng.random() < 0.25 and len(tiers) > 1 and p > 0:
        # notional exactly at (or one wei around) a tier boundary, when the boundary divides exactly
        hi = parse_wad(tiers[0]['hi'])
        if (hi * WAD) % p == 0:
            size = (hi * WAD) // p + rng.choice([0, 0, 1, -1])
    if size is None:
        size = gen_amount(rng, 200, big)
    if rng.random() < 0.45:
        size = -size
    if rng.random() < 0.05:
        size = 0
    entry = p * (WAD + rng.randint(-WAD // 5, WAD // 5)) // WAD if p > 0 else WAD
    quote = -(size * entry // WAD) + rng.choice([0, 0, 1, -1, rwad(rng, 1000)])
    if abs(quote) > I256_MAX:
        quote = I256_MAX if quote > 0 else -I256_MAX
    return {'market': m, 'size': fmt_wad(size), 'quote': fmt_wad(quote)}


def gen_margin_fixture(rng):
    big = rng.random() < 0.2
    params = gen_params(rng, big)
    prices = gen_prices(rng, big)
    now = 1764150000
    snaps = {}
    for c, cp in params['chains'].items():
        ms = cp['max_staleness_s']
        snaps[c] = now - rng.choice([0, ms, ms + 1, ms // 2, -5])
    accounts = [gen_account(rng, i, params, prices, big) for i in range(rng.randint(1, 5))]
    return {'format': 'xmargin-margin/1', 'note': 'generated by tests/independent/spec_check.py',
            'params': params, 'prices': prices, 'snapshots': snaps, 'now': now, 'accounts': accounts}


# ---------- SPEC §4 liquidation plan (decisions of docs/liquidation.md) ----------
class Refusal(Exception):
    def __init__(self, reason, subject=''):
        super().__init__(reason)
        self.reason, self.subject = reason, subject


def maint_perp(params, prices, pos):
    """(pnl_maint, requirement_maint) of a position at the maint price p."""
    m = params.markets[pos['market']]
    if pos['size'] == 0:
        pnl = pos['quote']
        return (mul(pnl, m['wm'], 'floor') if pnl > 0 else pnl), 0
    p = prices[m['base']]['p']
    pnl, _, req = perp_side(m, pos['size'], pos['quote'], p, p, m['wm'], 'mmr')
    return pnl, req


def maint_balance(params, prices, b):
    if b['amount'] == 0:
        return 0
    a, p = params.assets[b['asset']], prices[b['asset']]['p']
    if b['amount'] > 0:
        return mul(mul(mul(b['amount'], p, 'floor'), a['maint_asset_weight'], 'floor'),
                   params.chains[b['chain']]['w'], 'floor')
    return mul(mul(b['amount'], p, 'floor'), a['maint_liab_weight'], 'floor')


def cross_state(params, prices, balances, perps):
    e = 0
    for b in balances:
        e = add(e, maint_balance(params, prices, b))
    reqs = []
    for pos in perps:
        pnl, req = maint_perp(params, prices, pos)
        e = add(e, pnl)
        reqs.append(req)
    r = 0
    for q in reqs:
        r = add(r, q)
    return e, r, sub(e, r)


def iso_state(params, prices, pos):
    pnl, req = maint_perp(params, prices, pos)
    e = add(pos['collateral'], pnl)
    return e, req, sub(e, req)


def liquidation_plan(params, prices, acc, fund, bfee):
    if fund < 0 or bfee < 0 or len(acc['balances']) + len(acc['perps']) + len(acc['isolated']) > 256:
        raise Refusal('invalid_input')
    # markets first (docs/liquidation.md lists unknown_market first), then per balance asset, chain
    for pos in acc['perps'] + acc['isolated']:
        if pos['market'] not in params.markets:
            raise Refusal('unknown_market', pos['market'])
    for b in acc['balances']:
        if b['asset'] not in params.assets:
            raise Refusal('unknown_asset', b['asset'])
        if b['chain'] not in params.chains:
            raise Refusal('unknown_chain', str(b['chain']))
    seen_m, seen_b = set(), set()
    for pos in acc['perps']:
        if pos['market'] in seen_m:
            raise Refusal('duplicate_position', pos['market'])
        seen_m.add(pos['market'])
    for b in acc['balances']:
        if (b['chain'], b['asset']) in seen_b:
            raise Refusal('duplicate_position', b['asset'])
        seen_b.add((b['chain'], b['asset']))
    deps = {b['asset'] for b in acc['balances'] if b['amount'] != 0}
    deps |= {params.markets[p['market']]['base'] for p in acc['perps'] + acc['isolated'] if p['size'] != 0}
    for a in sorted(deps):
        if a not in prices:
            raise Refusal('price_missing', a)
        # SPEC §5: insufficient and halted prices stop liquidation; degraded is still a price.
        if prices[a]['status'] in ('insufficient', 'halted'):
            raise Refusal('price_not_ok', a)
        if prices[a]['p'] <= 0:
            raise Refusal('unpriceable', a)
        try:
            band(params, prices, a)  # SPEC §2: p_lo <= 0 makes the asset unpriceable
        except AccountError:
            raise Refusal('unpriceable', a)
        except Overflow:
            raise Refusal('unpriceable', a)
    try:
        return _plan(params, prices, acc, fund, bfee)
    except Overflow:
        raise Refusal('overflow')


def _liquidatable(params, prices, acc):
    try:
        if any(prices.get(params.markets[p['market']]['base'], {'p': 0})['p'] <= 0 for p in acc['perps'] + acc['isolated']) \
                or any(prices.get(b['asset'], {'p': 0})['p'] <= 0 for b in acc['balances']):
            return False
        return cross_state(params, prices, acc['balances'], acc['perps'])[2] < 0 or \
            any(iso_state(params, prices, p)[2] < 0 for p in acc['isolated'])
    except Overflow:
        return False


def _close(params, prices, pos, delta, equity_of):
    """Closes delta of pos (sign of the position). equity_of(new_pos) = the pool's maint equity.
    Returns (new_pos, quote_in, fee_uncapped, fee)."""
    m = params.markets[pos['market']]
    p = prices[m['base']]['p']
    qin = mul(delta, p, 'floor')
    np_ = dict(pos)
    np_['size'] = sub(pos['size'], delta)
    np_['quote'] = add(pos['quote'], qin)
    fee_unc = mul(mul(absv(delta), p, 'ceil'), m['fee'], 'ceil')
    e_after = equity_of(np_)
    fee = max(0, min(fee_unc, e_after))
    np_['quote'] = sub(np_['quote'], fee)
    return np_, qin, fee_unc, fee


def _perp_step(params, prices, pos, buffer, state_of):
    """One step on pos: the smallest lot multiple reaching the target, else the whole position.
    state_of(new_pos) -> (equity, requirement, health) of the pool."""
    m = params.markets[pos['market']]
    lot = m['lot']
    a = abs(pos['size'])
    sgn = 1 if pos['size'] > 0 else -1
    n = a // lot
    cands = n + (1 if a % lot else 0)

    def amount(j):
        return a if j == cands else j * lot

    def attempt(j):
        d = sgn * amount(j)
        np_, qin, fu, fee = _close(params, prices, pos, d, lambda q: state_of(q)[0])
        e, r, h = state_of(np_)
        t = mul(buffer, r, 'ceil')
        return h >= t, (d, np_, qin, fu, fee, e, r, h, t)

    ok, res = attempt(cands)
    if ok:
        lo, hi = 0, cands
        best = res
        while hi - lo > 1:
            mid = lo + (hi - lo) // 2
            okm, rm = attempt(mid)
            if okm:
                hi, best = mid, rm
            else:
                lo = mid
        res = best
        j = hi
        if hi <= 400:  # SPEC §4 literally: the smallest multiple; the engine bisects (docs/liquidation.md)
            for jj in range(1, hi):
                if attempt(jj)[0]:
                    NOTES.add('K3')
                    break
    else:
        j = cands
    d = res[0]
    return j == cands, res


def _plan(params, prices, acc, fund, bfee):
    buffer = params.buffer
    balances = [dict(b) for b in acc['balances']]
    perps = [dict(p) for p in acc['perps']]
    isolated = [dict(p) for p in acc['isolated']]
    steps = []
    liq_perps, liq_bal = {}, {}
    liq_fees = 0
    fund_now = fund
    fees_ins = 0
    iso_liq = [iso_state(params, prices, p)[2] < 0 for p in isolated]
    e0, r0, h0 = cross_state(params, prices, balances, perps)
    if h0 >= 0 and not any(iso_liq):
        raise Refusal('not_liquidatable', 'account')

    def record(kind, idx, pos, whole, res, hb):
        nonlocal liq_fees, fees_ins
        d, np_, qin, fu, fee, e, r, h, t = res
        m = params.markets[pos['market']]
        ins = mul(fee, m['ins'], 'floor')
        lp = liq_perps.setdefault(pos['market'], [0, 0])
        lp[0] = add(lp[0], d)
        lp[1] = sub(lp[1], qin)
        liq_fees = add(liq_fees, fee - ins)
        fees_ins = add(fees_ins, ins)
        lot = m['lot']
        steps.append({'kind': kind, 'market': pos['market'], 'position': idx, 'size_before': pos['size'],
                      'delta': d, 'whole_position': whole, 'lots': abs(d) // lot, 'lot_remainder': abs(d) % lot,
                      'price': prices[m['base']]['p'], 'quote_in': qin, 'fee_uncapped': fu, 'fee': fee,
                      'fee_to_insurance': ins, 'fee_to_liquidator': fee - ins, 'health_before': hb,
                      'health_after': h, 'requirement_after': r, 'target_after': t})

    bad, paid_so_far = [], [0]
    # 1. isolated positions, index order
    for i, pos in enumerate(isolated):
        if not iso_liq[i]:
            continue
        if pos['size'] != 0:  # a liquidatable pool already at size 0 is closed out: bad debt only
            hb = iso_state(params, prices, pos)[2]
            whole, res = _perp_step(params, prices, pos, buffer, lambda q: iso_state(params, prices, q))
            record('isolated_perp', i, pos, whole, res, hb)
            isolated[i] = res[1]
        # the engine settles an isolated pool's bad debt right after its own step, so the fund it
        # draws on holds the fees charged so far, not those of later cross steps (docs/liquidation.md
        # leaves this timing open: "the fund at that moment")
        e = iso_state(params, prices, isolated[i])[0]
        if isolated[i]['size'] == 0 and e < 0:
            avail = add(fund, fees_ins) - paid_so_far[0]
            paid = min(avail, -e)
            paid_so_far[0] += paid
            bad.append({'pool': 'isolated', 'position': i, 'market': pos['market'], 'amount': -e,
                        'insurance_paid': paid, 'socialized': -e - paid})
    # 2. cross perps, largest maint requirement first (measured before any step), market id ties
    cross_liq = h0 < 0
    if cross_liq:
        order = sorted(range(len(perps)), key=lambda i: (-maint_perp(params, prices, perps[i])[1], perps[i]['market']))
        for i in order:
            e, r, h = cross_state(params, prices, balances, perps)
            if h >= mul(buffer, r, 'ceil'):
                break
            if perps[i]['size'] == 0:
                continue

            def st(q, i=i):
                return cross_state(params, prices, balances, perps[:i] + [q] + perps[i + 1:])
            whole, res = _perp_step(params, prices, perps[i], buffer, st)
            record('cross_perp', i, perps[i], whole, res, h)
            perps[i] = res[1]
        # 3. borrows
        e, r, h = cross_state(params, prices, balances, perps)
        if h < mul(buffer, r, 'ceil') and all(p['size'] == 0 for p in perps):
            _borrows(params, prices, balances, perps, bfee, buffer, steps, liq_bal)
    # 4. bad debt: isolated in index order, then cross
    fund_now = add(fund, fees_ins) - paid_so_far[0]
    if fund_now > 0 and any(b['socialized'] > 0 for b in bad):
        NOTES.add('K4')  # a loss was socialized while the fund ends the plan with money
    e, r, h = cross_state(params, prices, balances, perps)
    credit = 0
    if cross_liq and h < mul(buffer, r, 'ceil') and e < 0 and all(p['size'] == 0 for p in perps):
        paid = min(fund_now, -e)
        fund_now -= paid
        credit = -e
        bad.append({'pool': 'cross', 'amount': -e, 'insurance_paid': paid, 'socialized': -e - paid})
    return {'steps': steps,
            'cross': {'liquidated': cross_liq, 'health_before': h0, 'health_after': h, 'requirement_after': r,
                      'target_after': mul(buffer, r, 'ceil'), 'credit': credit},
            'bad_debts': bad,
            'bad_debt': sum(b['amount'] for b in bad), 'insurance_paid': sum(b['insurance_paid'] for b in bad),
            'socialized_loss': sum(b['socialized'] for b in bad),
            'insurance_fund_before': fund, 'insurance_fund_after': fund_now,
            'liquidator': {'perps': liq_perps, 'balances': liq_bal, 'fees': liq_fees},
            'account_after': {'balances': balances, 'perps': perps, 'isolated': isolated}}


def _borrows(params, prices, balances, perps, bfee, buffer, steps, liq_bal):
    def val(b):
        return maint_balance(params, prices, b)
    borrows = sorted([i for i, b in enumerate(balances) if b['amount'] < 0],
                     key=lambda i: (-abs(val(balances[i])), balances[i]['asset'], balances[i]['chain']))
    # both orders are measured once, before the first borrow step (the engine's choice; the docs do
    # not say when collateral values are measured)
    colls = sorted([i for i, b in enumerate(balances) if b['amount'] > 0],
                   key=lambda i: (-val(balances[i]), balances[i]['asset'], balances[i]['chain']))
    for bi in borrows:
        for ci in colls:
            e, r, h = cross_state(params, prices, balances, perps)
            if h >= mul(buffer, r, 'ceil'):
                return
            B, A = balances[bi], balances[ci]
            if B['amount'] >= 0 or A['amount'] <= 0:
                continue
            wa, wl = params.assets[A['asset']], params.assets[B['asset']]
            if not (mul(mul(WAD + bfee, wa['maint_asset_weight'], 'ceil'), params.chains[A['chain']]['w'], 'ceil')
                    < wl['maint_liab_weight']):
                continue
            pB, pA = prices[B['asset']]['p'], prices[A['asset']]['p']

            def seized(x):
                return div(mul(mul(x, pB, 'ceil'), WAD + bfee, 'ceil'), pA, 'ceil')
            rmax = -B['amount']
            if seized(rmax) > A['amount']:
                lo, hi = 0, rmax  # seized(lo) covered, seized(hi) not
                while hi - lo > 1:
                    mid = lo + (hi - lo) // 2
                    if seized(mid) <= A['amount']:
                        lo = mid
                    else:
                        hi = mid
                rmax = lo
            if rmax == 0:
                continue

            def after(x):
                nb = list(balances)
                nb[bi] = dict(B, amount=B['amount'] + x)
                nb[ci] = dict(A, amount=A['amount'] - seized(x))
                e2, r2, h2 = cross_state(params, prices, nb, perps)
                return h2 >= mul(buffer, r2, 'ceil'), nb, (e2, r2, h2)
            ok, nb, st = after(rmax)
            x = rmax
            if ok:
                lo, hi = 0, rmax
                while hi - lo > 1:
                    mid = lo + (hi - lo) // 2
                    if after(mid)[0]:
                        hi = mid
                    else:
                        lo = mid
                x = hi
                ok, nb, st = after(x)
            if st[2] <= h:
                continue  # health did not rise (rounding): dropped
            s = seized(x)
            balances[bi], balances[ci] = nb[bi], nb[ci]
            kb, ka = (B['chain'], B['asset']), (A['chain'], A['asset'])
            liq_bal[kb] = liq_bal.get(kb, 0) - x
            liq_bal[ka] = liq_bal.get(ka, 0) + s
            steps.append({'kind': 'borrow', 'borrow': {'chain': B['chain'], 'asset': B['asset'], 'price': pB},
                          'repaid': x, 'collateral': {'chain': A['chain'], 'asset': A['asset'], 'price': pA},
                          'seized': s, 'health_before': h, 'health_after': st[2], 'requirement_after': st[1],
                          'target_after': mul(buffer, st[1], 'ceil')})


def liquidation_fixture(doc):
    params = Params(doc['params'])
    prices = read_prices(doc.get('prices', {}))
    acc = read_account(doc['account'])
    fund = parse_wad(doc['insurance_fund'])
    bfee = parse_wad(doc.get('borrow_liquidation_fee', '0'))
    try:
        return liquidation_plan(params, prices, acc, fund, bfee)
    except Refusal as r:
        return {'refusal': r.reason, 'subject': r.subject}


def _cmp_tree(exp, act, path, diffs):
    if isinstance(exp, dict):
        if not isinstance(act, dict):
            diffs.append('%s: expected an object, actual %r' % (path, act))
            return
        for k, v in exp.items():
            if k not in act:
                diffs.append('%s.%s: expected %r, actual (absent)' % (path, k, v))
            else:
                _cmp_tree(v, act[k], '%s.%s' % (path, k), diffs)
    elif isinstance(exp, list):
        if not isinstance(act, list) or len(exp) != len(act):
            diffs.append('%s: expected %d entries, actual %r' % (path, len(exp), act))
            return
        for i, (a, b) in enumerate(zip(exp, act)):
            _cmp_tree(a, b, '%s[%d]' % (path, i), diffs)
    elif isinstance(exp, bool) or isinstance(exp, str):
        if exp != act:
            diffs.append('%s: expected %r, actual %r' % (path, exp, act))
    else:  # a raw WAD, or a count (lots, position)
        ok = (act == exp) if isinstance(act, int) and not isinstance(act, bool) else (
            isinstance(act, str) and (same_dec(exp, act) or act == str(exp)))
        if not ok:
            diffs.append('%s: expected %s, actual %r' % (path, fmt_wad(exp), act))


def compare_liquidation(mine, eng_doc, tag, diffs):
    e = eng_doc['expect']
    if 'refusal' in mine:
        got = e.get('refusal', {}).get('reason')
        if got != mine['refusal']:
            diffs.append('%s: refusal expected %s, actual %s' % (tag, mine['refusal'], got or 'a plan'))
        return
    if 'plan' not in e:
        diffs.append('%s: expected a plan, actual refusal %r' % (tag, e.get('refusal')))
        return
    plan = e['plan']
    mine = dict(mine)
    lb = mine['liquidator'].pop('balances')
    lp = mine['liquidator'].pop('perps')
    mine['liquidator']['perps'] = {k: {'size': v[0], 'quote': v[1]} for k, v in lp.items()}
    got_lb = {(b['chain'], b['asset']): b['amount'] for b in plan['liquidator']['balances']}
    if set(got_lb) != set(lb):
        diffs.append('%s: liquidator.balances keys expected %s, actual %s' % (tag, sorted(lb), sorted(got_lb)))
    for k, v in lb.items():
        if k in got_lb and not same_dec(v, got_lb[k]):
            diffs.append('%s: liquidator.balances %s expected %s, actual %s' % (tag, k, fmt_wad(v), got_lb[k]))
    _cmp_tree(mine, plan, tag + ':plan', diffs)
    check_conservation(eng_doc, plan, tag, diffs)


def check_conservation(doc, plan, tag, diffs):
    """SPEC §4 on the engine's own plan: per market, per (chain, asset) and in USD, exactly."""
    acc, after, liq = doc['account'], plan['account_after'], plan['liquidator']
    W = parse_wad
    sizes = {}
    for side, sign in ((acc, 1), (after, -1)):
        for pos in side.get('perps', []) + side.get('isolated', []):
            sizes[pos['market']] = sizes.get(pos['market'], 0) + sign * W(pos['size'])
    for m, v in liq['perps'].items():
        sizes[m] = sizes.get(m, 0) - W(v['size'])
    bal = {}
    for side, sign in ((acc, 1), (after, -1)):
        for b in side.get('balances', []):
            k = (int(b['chain']), b['asset'])
            bal[k] = bal.get(k, 0) + sign * W(b['amount'])
    for b in liq['balances']:
        k = (int(b['chain']), b['asset'])
        bal[k] = bal.get(k, 0) - W(b['amount'])

    def usd(side):
        return sum(W(p['quote']) for p in side.get('perps', []) + side.get('isolated', [])) + \
            sum(W(p['collateral']) for p in side.get('isolated', []))
    lhs = usd(acc) + W(doc['insurance_fund'])
    rhs = (usd(after) + sum(W(b['amount']) for b in plan['bad_debts']) + sum(W(v['quote']) for v in liq['perps'].values())
           + W(liq['fees']) + W(plan['insurance_fund_after']) - W(plan['socialized_loss']))
    for k, v in list(sizes.items()) + list(bal.items()):
        if v != 0:
            diffs.append('%s: conservation of %s broken by %s' % (tag, k, fmt_wad(v)))
    if lhs != rhs:
        diffs.append('%s: USD conservation broken: before %s, after %s' % (tag, fmt_wad(lhs), fmt_wad(rhs)))


def gen_liquidation_fixture(rng):
    big = rng.random() < 0.1
    params = gen_params(rng, big)
    prices = gen_prices(rng, big)
    for a in prices.values():
        if rng.random() < 0.9:
            a.pop('status', None)
            if parse_wad(a['price']) <= 0:
                a['price'] = '1'
    acc = gen_account(rng, 0, params, prices, big)
    acc['id'] = 'alice'
    # push the account under water: losses on positions, smaller collateral
    for p in acc['perps'] + acc['isolated']:
        if p['market'] not in params['markets']:
            continue
        sz, q = parse_wad(p['size']), parse_wad(p['quote'])
        base = params['markets'][p['market']]['base']
        notional = abs(sz) * parse_wad(prices[base]['price']) // WAD
        q2 = q - notional * rng.choice([0, 0, 1, 2, 3, 5, 10, 30]) // 100
        p['quote'] = fmt_wad(max(q2, I256_MIN))
        if 'collateral' in p:
            p['collateral'] = fmt_wad(min(notional * rng.choice([0, 1, 3, 5, 8, 10, 20]) // 100, I256_MAX))
    for b in acc['balances']:
        if rng.random() < 0.3:
            b['amount'] = fmt_wad(parse_wad(b['amount']) // 10)
    if rng.random() < 0.4:
        _near_the_edge(rng, params, prices, acc)
    elif rng.random() < 0.25:  # wei scale: a few wei per position, rounding dominates every term
        for m in params['markets'].values():
            m['lot_size'] = rng.choice(['0.000000000000000001', '0.000000000000000003', '0.00000000000000001'])
        for p in acc['perps'] + acc['isolated']:
            sz = rng.randint(1, 400) * rng.choice([1, -1])
            p['size'] = fmt_wad(sz)
            p['quote'] = fmt_wad(-sz * rng.randint(1, 10 ** 6) + rng.randint(-10 ** 4, 10 ** 4))
            if 'collateral' in p:
                p['collateral'] = fmt_wad(rng.randint(0, 10 ** 6))
        for b in acc['balances']:
            b['amount'] = fmt_wad(rng.randint(-10 ** 6, 10 ** 6))
    return {'format': 'xmargin-liquidation/1', 'note': 'generated by tests/independent/spec_check.py',
            'params': params, 'prices': prices, 'account': acc,
            'insurance_fund': fmt_wad(rng.choice([0, 100 * WAD, rwad(rng, 10000)])),
            'borrow_liquidation_fee': fmt_wad(rng.choice([0, WAD // 100, rwad(rng, 1) // 10]))}


# ---------- SPEC §1 edges: decimal text and int256 bounds ----------
MAX_TEXT = fmt_wad(I256_MAX)
MIN_TEXT = fmt_wad(I256_MIN)
BAD_DECIMALS = ['+1', '1.', '.5', ' 1', '1 ', '1e3', '', '0.0000000000000000001', '1.5.5', '--1', '0x10',
                fmt_wad(I256_MAX + 1), fmt_wad(I256_MIN - 1), 1, 1.5]


def edge_margin_docs(base):
    """(tag, doc, expect_exit_2) derived from a valid margin fixture by changing one amount."""
    out = []
    for i, bad in enumerate(BAD_DECIMALS):
        d = json.loads(json.dumps(base))
        d['accounts'][0]['balances'][0]['amount'] = bad
        out.append(('edge/bad_decimal_%d_%r' % (i, bad), d, True))
    usdc_one = {'init_asset_weight': '1', 'maint_asset_weight': '1', 'init_liab_weight': '1', 'maint_liab_weight': '1'}
    for i, (amt, price) in enumerate([(MAX_TEXT, '1'), (MIN_TEXT, '1'), (MIN_TEXT, '1.000000000000000001'),
                                      (MAX_TEXT, '1.000000000000000001'), ('0.000000000000000001', '0.000000000000000001'),
                                      ('-0.000000000000000001', '0.000000000000000001'), ('-0.000000000000000001', '0.5'),
                                      ('0.000000000000000001', '0.5'), ('-1', MAX_TEXT), ('1', MAX_TEXT)]):
        d = json.loads(json.dumps(base))
        d['params']['assets']['USDC'] = usdc_one
        d['prices']['USDC'] = {'price': price}
        d['accounts'][0]['balances'][0]['amount'] = amt
        d['accounts'][0]['balances'][0]['asset'] = 'USDC'
        d['accounts'][0]['perps'] = []
        d['accounts'][0]['isolated'] = []
        d.pop('expect', None)
        out.append(('edge/int256_%d' % i, d, False))
    for i, (size, quote) in enumerate([(MIN_TEXT, '0'), (MAX_TEXT, '0'), ('1', MIN_TEXT), ('-1', MAX_TEXT),
                                       ('0.000000000000000001', '-0.000000000000000001'),
                                       ('-0.000000000000000001', '0.000000000000000001')]):
        d = json.loads(json.dumps(base))
        d['accounts'][0]['balances'] = []
        d['accounts'][0]['perps'] = [{'market': next(iter(d['params']['markets'])), 'size': size, 'quote': quote}]
        d.pop('expect', None)
        out.append(('edge/perp_%d' % i, d, False))
    return out


def _near_the_edge(rng, params, prices, acc):
    """Small pnl and collateral set so that each pool is just under its maintenance line: partial
    closes, exact lot boundaries, fee caps."""
    P, pr = Params(params), read_prices(prices)
    acc['balances'] = [b for b in acc['balances'] if b['asset'] != 'USDC' and parse_wad(b['amount']) > 0][:1]
    acc['perps'] = [p for p in acc['perps'] if p['market'] in P.markets]
    try:
        for p in acc['perps'] + acc['isolated']:
            sz = parse_wad(p['size'])
            px = pr[P.markets[p['market']]['base']]['p']
            p['quote'] = fmt_wad(-mul(sz, px, 'floor') + rng.choice([-1, 0, 1]) * rwad(rng, 50))
            if 'collateral' in p:
                pnl, req = maint_perp(P, pr, read_account({'id': 'x', 'perps': [p]})['perps'][0])
                p['collateral'] = fmt_wad(max(0, req - pnl - rng.choice([1, req // 10 + 1, req // 3 + 1])))
        a = read_account(acc)
        e, r, h = cross_state(P, pr, a['balances'], a['perps'])
        need = max(0, -h - rng.choice([1, r // 10 + 1, r // 3 + 1, r // 2 + 1]))  # value to add
        wa = P.assets['USDC']['maint_asset_weight'] * P.chains[1]['w'] * pr['USDC']['p']
        usdc = cdiv(need * WAD ** 3, wa) if wa > 0 else 0
        acc['balances'].append({'chain': 1, 'asset': 'USDC', 'amount': fmt_wad(usdc)})
    except (Overflow, AccountError, KeyError):
        pass


def known_probes(root):
    """Minimal liquidation inputs, one per known discrepancy, so each is shown on every run."""
    def load(name):
        d = json.load(open(os.path.join(root, 'fixtures/liquidation', name)))
        d.pop('expect', None)
        d['note'] = 'tests/independent/spec_check.py known-discrepancy probe'
        return d
    out = []
    d = load('single_tier_partial.json')  # BTC 30000, conf 30000, k = 1: p_lo = 0
    d['params']['conf_multiplier'] = '1'
    d['prices']['BTC']['conf'] = '30000'
    out.append(('probe/K1_band_unpriceable', d))
    d = load('single_tier_partial.json')  # the worked example, only the BTC status changed
    d['prices']['BTC']['status'] = 'degraded'
    out.append(('probe/K2_degraded', d))
    d = load('single_tier_partial.json')  # health -1 wei; SPEC's smallest |delta| is 100 wei, engine 108
    d['params']['liquidation_buffer'] = '0'
    d['params']['assets']['SOL'] = d['params']['assets']['ETH']
    d['params']['markets']['SOL-PERP'] = {
        'base': 'SOL', 'lot_size': '0.000000000000000001', 'tiers': [{'lo': '0', 'imr': '0.2', 'mmr': '0.1'}],
        'init_pnl_weight': '1', 'maint_pnl_weight': '1', 'liquidation_fee': '0.09', 'insurance_share': '0.5'}
    d['prices']['SOL'] = {'price': '1.95'}
    d['account'] = {'id': 'alice', 'balances': [{'chain': 1, 'asset': 'USDC', 'amount': '194.999999999999999999'}],
                    'perps': [{'market': 'SOL-PERP', 'size': '-1000', 'quote': '1950'}], 'isolated': []}
    out.append(('probe/K3_not_smallest', d))
    d = load('isolated_and_cross_together.json')  # isolated bad debt 10000, cross fee 72.3 to the fund
    d['account'] = {'id': 'alice', 'balances': [{'chain': 1, 'asset': 'USDC', 'amount': '1000'}],
                    'perps': [{'market': 'ETH-PERP', 'size': '10', 'quote': '-30000'}],
                    'isolated': [{'market': 'BTC-PERP', 'size': '1', 'quote': '-40000', 'collateral': '0'}]}
    d['insurance_fund'] = '0'
    out.append(('probe/K4_isolated_bad_debt_first', d))
    return out


# Known discrepancies: places where the engine follows a project decision (docs/liquidation.md) that
# contradicts SPEC read literally. The checker computes the engine's (documented) answer, so the
# comparison passes, and notes the case under its code; the summary lists the counts. Remove a code
# here (and its NOTES.add) once the lead has settled it.
KNOWN = {
    'K3': 'SPEC §4: |delta| is the smallest lot multiple reaching the target; the engine bisects, and '
          'where wei rounding makes health non-monotone a smaller multiple already reaches the target',
    'K4': 'SPEC §4 "the insurance fund pays first" / docs/liquidation.md step 4 (bad debt after every '
          'step): the engine settles an isolated bad debt right after its own step, before later cross '
          'steps pay insurance fees, so a loss is socialized while the fund ends the plan with money',
}
NOTES = set()  # codes met while computing the current case


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--xmargin', required=True)
    ap.add_argument('--cases', type=int, default=int(os.environ.get('XM_PROPERTY_CASES', '200')))
    ap.add_argument('--seed', type=int, default=None)
    ap.add_argument('--root', default='.')
    ap.add_argument('--keep', help='directory to keep failing and known-discrepancy generated fixtures in')
    ap.add_argument('--only', type=int, default=None, help='check only generated case I of the seed')
    a = ap.parse_args()
    seed = a.seed if a.seed is not None else int(os.environ.get('XM_SEED', random.SystemRandom().randrange(2 ** 32)))
    print('spec_check seed=%d cases=%d (replay: XM_SEED=%d or --seed %d)' % (seed, a.cases, seed, seed))
    rng = random.Random(seed)
    failures, known, checked = [], [], 0
    tmpdir = tempfile.mkdtemp(prefix='spec_check_')

    def one(kind, doc, path, tag):
        nonlocal checked
        diffs = []
        try:
            if kind == 'margin':
                mine = margin_fixture(doc)
                rc, out, err = run_engine(a.xmargin, 'health', path)
                if rc != 0:
                    diffs.append('%s: health exit %d: %s' % (tag, rc, err.strip()))
                else:
                    compare_margin(mine, json.loads(out), tag, diffs)
            else:
                mine = liquidation_fixture(doc)
                rc, out, err = run_engine(a.xmargin, 'liquidate', path)
                if rc != 0:
                    diffs.append('%s: liquidate exit %d: %s' % (tag, rc, err.strip()))
                else:
                    compare_liquidation(mine, json.loads(out), tag, diffs)
        except Exception as ex:  # a bug of this checker is a failure too
            diffs.append('%s: checker exception %r' % (tag, ex))
        checked += 1
        if diffs:
            failures.append((tag, diffs, doc))
        for code in sorted(NOTES):
            known.append((tag, code))
        if NOTES and a.keep and tag.startswith('seed'):
            os.makedirs(a.keep, exist_ok=True)
            with open(os.path.join(a.keep, tag.replace('/', '_') + '.json'), 'w') as fh:
                json.dump(doc, fh, indent=1)
        NOTES.clear()

    for f in sorted(glob.glob(os.path.join(a.root, 'fixtures/margin/*.json'))) if a.only is None else []:
        doc = json.load(open(f))
        if 'params_error' not in doc.get('expect', {}):
            one('margin', doc, f, os.path.basename(f))
    for f in sorted(glob.glob(os.path.join(a.root, 'fixtures/liquidation/*.json'))) if a.only is None else []:
        one('liquidation', json.load(open(f)), f, os.path.basename(f))
    base = json.load(open(os.path.join(a.root, 'fixtures/margin/cross_offset.json')))
    for tag, doc, bad in edge_margin_docs(base) if a.only is None else []:
        path = os.path.join(tmpdir, 'edge.json')
        with open(path, 'w') as fh:
            json.dump(doc, fh)
        if bad:
            rc, out, err = run_engine(a.xmargin, 'health', path)
            checked += 1
            if rc != 2 or 'accounts[0].balances[0].amount' not in err:
                failures.append((tag, ['%s: expected exit 2 naming accounts[0].balances[0].amount, got exit %d: %s'
                                       % (tag, rc, err.strip())], doc))
        else:
            one('margin', doc, path, tag)
    for tag, doc in known_probes(a.root) if a.only is None else []:
        path = os.path.join(tmpdir, 'probe.json')
        with open(path, 'w') as fh:
            json.dump(doc, fh)
        one('liquidation', doc, path, tag)
    for i in range(a.cases if a.only is None else a.only + 1):
        kind = 'margin' if i % 2 == 0 else 'liquidation'
        doc = gen_margin_fixture(rng) if kind == 'margin' else gen_liquidation_fixture(rng)
        if a.only is not None and i != a.only:
            continue
        path = os.path.join(tmpdir, 'case%d.json' % i)
        with open(path, 'w') as fh:
            json.dump(doc, fh, indent=1)
        one(kind, doc, path, 'seed%d/case%d' % (seed, i))
    for code, why in KNOWN.items():
        tags = [t for t, c in known if c == code]
        if tags:
            print('KNOWN DISCREPANCY %s in %d case(s), e.g. %s: %s' % (code, len(tags), ', '.join(tags[:3]), why))
        elif code:
            print('known discrepancy %s not met in this run (fixed? then remove it from KNOWN)' % code)
    for tag, diffs, doc in failures:
        print('FAIL %s' % tag)
        for d in diffs[:8]:
            print('   ' + d)
        if a.keep:
            os.makedirs(a.keep, exist_ok=True)
            with open(os.path.join(a.keep, tag.replace('/', '_') + '.json'), 'w') as fh:
                json.dump(doc, fh, indent=1)
    for f in glob.glob(os.path.join(tmpdir, '*.json')):
        os.remove(f)
    os.rmdir(tmpdir)
    print('%d fixtures checked, %d failed, %d cases with a known discrepancy' % (
        checked, len(failures), len({t for t, c in known})))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
