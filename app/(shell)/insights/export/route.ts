// GET /insights/export?…filters: the signed-in user's usage rows as a formula-safe CSV download (RLS as the user).
import { NextResponse, type NextRequest } from 'next/server';
import { insightsCsv, insightsCsvFilename } from '@/lib/insights/csv';
import { listUsageRows } from '@/lib/insights/data';
import { parseInsightsFilters } from '@/lib/insights/filters';
import { OhmError } from '@/lib/errors';

export async function GET(request: NextRequest) {
  const parsed = parseInsightsFilters(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.ok) {
    const message = parsed.message.replace(/ Showing the last 30 days\.$|; showing the last 30 days\.$/, '.');
    return NextResponse.json({ error: { code: 'bad_request:insights', message } }, { status: 400 });
  }
  try {
    const rows = await listUsageRows({ filters: parsed.filters });
    return new NextResponse(insightsCsv(rows), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${insightsCsvFilename(parsed.filters.from, parsed.filters.to)}"`,
        'cache-control': 'private, no-store',
      },
    });
  } catch (error) {
    const ohm = error instanceof OhmError ? error : new OhmError('unavailable:database');
    return NextResponse.json({ error: { code: ohm.code, message: ohm.message } }, { status: ohm.status });
  }
}
