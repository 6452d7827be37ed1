/**
 * build:laws — writes src/refs/laws.data.ts, the versioned table of laws, codes, ordinances and National
 * Assembly resolutions cited by name, from the real data in ../shared/corpus plus a short curated list.
 *
 *   npm run build:laws            (rewrites src/refs/laws.data.ts; prints what came from where)
 *   npm run build:laws -- --check (exit 1 when the committed table differs from what the sources give)
 *
 * Sources, in order of trust (each row's `source` names the one that gave each fact):
 *   phapdien:<article id>  the Bộ Pháp điển source citation "Điều 1 Luật số 43/2019/QH14 Luật Giáo dục ngày
 *                          14/06/2019 của Quốc hội, có hiệu lực thi hành kể từ ngày 01/07/2020": number, name,
 *                          adoption date, effective date.
 *   record:<doc id>        the law's own record in vbpl-central (title, ngay_ban_hanh, ngay_co_hieu_luc).
 *   cites:<doc id>         a citation in a corpus text that gives name, number and date together: "Luật Quản lý
 *                          thuế số 38/2019/QH14 ngày 13 tháng 6 năm 2019".
 *   repeal:<doc id>        a law's own text saying "Luật X số N … hết hiệu lực": the newer law replaces N.
 *   curated                facts typed in by hand below (CURATED), for versions the corpus does not hold
 *                          (older laws replaced before Pháp điển was compiled); each with its own note.
 *   inferred               "replaces": the previous version of the same name when no text says so.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { corpusRoot } from './lib/bench-util.js';

type Kind = 'luật' | 'bộ luật' | 'pháp lệnh' | 'nghị quyết' | 'hiến pháp';
interface Row {
  kind: Kind; name: string; variants: string[]; number: string; adopted?: string; effective?: string;
  replaces?: string; amends?: boolean; sources: Set<string>;
}

/**
 * Curated facts: versions the corpus lacks (replaced before the Pháp điển snapshot, or cited there only by
 * number), and name variants in common use. Dates are the adoption date by the National Assembly and the
 * date the law took effect, as published in Công báo; `note` says why the row is here.
 */
const CURATED: { kind: Kind; name: string; number: string; adopted?: string; effective?: string; variants?: string[]; amends?: boolean; note?: string }[] = [
  { kind: 'hiến pháp', name: '', number: 'Hiến pháp 2013', adopted: '2013-11-28', effective: '2014-01-01' },
  { kind: 'hiến pháp', name: '', number: 'Hiến pháp 1992', adopted: '1992-04-15', effective: '1992-04-18' },
  { kind: 'hiến pháp', name: '', number: 'Hiến pháp 1980', adopted: '1980-12-18', effective: '1980-12-19' },
  { kind: 'hiến pháp', name: '', number: 'Hiến pháp 1959', adopted: '1959-12-31', effective: '1960-01-01' },
  { kind: 'hiến pháp', name: '', number: 'Hiến pháp 1946', adopted: '1946-11-09', effective: '1946-11-09' },
  { kind: 'bộ luật', name: 'Dân sự', number: '33/2005/QH11', adopted: '2005-06-14', effective: '2006-01-01' },
  { kind: 'bộ luật', name: 'Hình sự', number: '15/1999/QH10', adopted: '1999-12-21', effective: '2000-07-01' },
  { kind: 'bộ luật', name: 'Hình sự', number: '100/2015/QH13', adopted: '2015-11-27', effective: '2018-01-01' },
  { kind: 'bộ luật', name: 'Lao động', number: '10/2012/QH13', adopted: '2012-06-18', effective: '2013-05-01' },
  { kind: 'bộ luật', name: 'Lao động', number: '45/2019/QH14', adopted: '2019-11-20', effective: '2021-01-01' },
  { kind: 'bộ luật', name: 'Tố tụng dân sự', number: '24/2004/QH11', adopted: '2004-06-15', effective: '2005-01-01' },
  { kind: 'bộ luật', name: 'Tố tụng hình sự', number: '19/2003/QH11', adopted: '2003-11-26', effective: '2004-07-01' },
  { kind: 'bộ luật', name: 'Hàng hải Việt Nam', number: '40/2005/QH11', adopted: '2005-06-14', effective: '2006-01-01', variants: ['Hàng hải'] },
  { kind: 'bộ luật', name: 'Hàng hải Việt Nam', number: '95/2015/QH13', adopted: '2015-11-25', effective: '2017-07-01', variants: ['Hàng hải'] },
  { kind: 'luật', name: 'Giáo dục', number: '11/1998/QH10', adopted: '1998-12-02', effective: '1999-06-01', variants: ['GD'] },
  { kind: 'luật', name: 'Giáo dục', number: '38/2005/QH11', adopted: '2005-06-14', effective: '2006-01-01', variants: ['GD'] },
  { kind: 'luật', name: 'Giáo dục', number: '43/2019/QH14', variants: ['GD'] },
  { kind: 'luật', name: 'Giáo dục đại học', number: '34/2018/QH14', adopted: '2018-11-19', effective: '2019-07-01', amends: true, variants: ['GDĐH'], note: 'the amending law, cited as "Luật Giáo dục đại học 2018"' },
  { kind: 'luật', name: 'Giáo dục đại học', number: '08/2012/QH13', variants: ['GDĐH'] },
  { kind: 'luật', name: 'Giáo dục đại học', number: '125/2025/QH15', adopted: '2025-12-10', effective: '2026-01-01', variants: ['GDĐH'] },
  { kind: 'luật', name: 'Giáo dục nghề nghiệp', number: '74/2014/QH13', variants: ['GDNN'] },
  { kind: 'luật', name: 'Giáo dục nghề nghiệp', number: '124/2025/QH15', adopted: '2025-12-10', effective: '2026-01-01', variants: ['GDNN'] },
  { kind: 'luật', name: 'Giáo dục quốc phòng và an ninh', number: '30/2013/QH13', adopted: '2013-06-19', effective: '2014-01-01' },
  { kind: 'luật', name: 'Nhà giáo', number: '73/2025/QH15', effective: '2026-01-01' },
  { kind: 'luật', name: 'Dạy nghề', number: '76/2006/QH11', adopted: '2006-11-29', effective: '2007-06-01' },
  { kind: 'luật', name: 'Trẻ em', number: '102/2016/QH13', adopted: '2016-04-05', effective: '2017-06-01' },
  { kind: 'luật', name: 'Bảo vệ, chăm sóc và giáo dục trẻ em', number: '25/2004/QH11', adopted: '2004-06-15', effective: '2005-01-01' },
  { kind: 'luật', name: 'Thanh niên', number: '53/2005/QH11', adopted: '2005-11-29', effective: '2006-07-01' },
  { kind: 'luật', name: 'Thư viện', number: '46/2019/QH14' },
  { kind: 'luật', name: 'Khoa học và công nghệ', number: '21/2000/QH10', adopted: '2000-06-09', effective: '2001-01-01' },
  { kind: 'luật', name: 'Khoa học và công nghệ', number: '29/2013/QH13', adopted: '2013-06-18', effective: '2014-01-01' },
  { kind: 'luật', name: 'Ban hành văn bản quy phạm pháp luật', number: '17/2008/QH12', adopted: '2008-06-03', effective: '2009-01-01', variants: ['Ban hành văn bản QPPL', 'Ban hành VBQPPL'] },
  { kind: 'luật', name: 'Ban hành văn bản quy phạm pháp luật', number: '80/2015/QH13', adopted: '2015-06-22', effective: '2016-07-01', variants: ['Ban hành văn bản QPPL', 'Ban hành VBQPPL'] },
  { kind: 'luật', name: 'Ban hành văn bản quy phạm pháp luật', number: '64/2025/QH15', effective: '2025-04-01', variants: ['Ban hành văn bản QPPL', 'Ban hành VBQPPL'] },
  { kind: 'luật', name: 'Cán bộ, công chức', number: '22/2008/QH12', adopted: '2008-11-13', effective: '2010-01-01', variants: ['CBCC'] },
  { kind: 'luật', name: 'Cán bộ, công chức', number: '80/2025/QH15', adopted: '2025-06-24', effective: '2025-07-01', variants: ['CBCC'] },
  { kind: 'luật', name: 'Viên chức', number: '58/2010/QH12' },
  { kind: 'luật', name: 'Tổ chức chính quyền địa phương', number: '77/2015/QH13', adopted: '2015-06-19', effective: '2016-01-01' },
  { kind: 'luật', name: 'Tổ chức chính quyền địa phương', number: '65/2025/QH15', adopted: '2025-02-19', effective: '2025-03-01' },
  { kind: 'luật', name: 'Tổ chức chính quyền địa phương', number: '72/2025/QH15', adopted: '2025-06-16', effective: '2025-07-01' },
  { kind: 'luật', name: 'Tổ chức Hội đồng nhân dân và Ủy ban nhân dân', number: '11/2003/QH11', adopted: '2003-11-26', effective: '2004-01-01' },
  { kind: 'luật', name: 'Tổ chức Chính phủ', number: '32/2001/QH10', adopted: '2001-12-25', effective: '2002-01-01' },
  { kind: 'luật', name: 'Tổ chức Chính phủ', number: '76/2015/QH13', adopted: '2015-06-19', effective: '2016-01-01' },
  { kind: 'luật', name: 'Tổ chức Chính phủ', number: '63/2025/QH15', effective: '2025-03-01' },
  { kind: 'luật', name: 'Tổ chức Tòa án nhân dân', number: '62/2014/QH13', adopted: '2014-11-24', effective: '2015-06-01' },
  { kind: 'luật', name: 'Tổ chức Tòa án nhân dân', number: '34/2024/QH15', adopted: '2024-06-24', effective: '2025-01-01' },
  { kind: 'luật', name: 'Thi đua, khen thưởng', number: '15/2003/QH11', adopted: '2003-11-26', effective: '2004-07-01' },
  { kind: 'luật', name: 'Thi đua, khen thưởng', number: '06/2022/QH15', effective: '2024-01-01' },
  { kind: 'luật', name: 'Ngân sách nhà nước', number: '01/2002/QH11', adopted: '2002-12-16', effective: '2004-01-01' },
  { kind: 'luật', name: 'Ngân sách nhà nước', number: '89/2025/QH15', effective: '2026-01-01' },
  { kind: 'luật', name: 'Đầu tư công', number: '49/2014/QH13', adopted: '2014-06-18', effective: '2015-01-01' },
  { kind: 'luật', name: 'Đầu tư công', number: '39/2019/QH14', adopted: '2019-06-13', effective: '2020-01-01' },
  { kind: 'luật', name: 'Đầu tư công', number: '58/2024/QH15', effective: '2025-01-01' },
  { kind: 'luật', name: 'Đấu thầu', number: '61/2005/QH11', adopted: '2005-11-29', effective: '2006-04-01' },
  { kind: 'luật', name: 'Đấu thầu', number: '43/2013/QH13', effective: '2014-07-01' },
  { kind: 'luật', name: 'Đấu thầu', number: '22/2023/QH15', effective: '2024-01-01' },
  { kind: 'luật', name: 'Xử lý vi phạm hành chính', number: '15/2012/QH13', effective: '2013-07-01' },
  { kind: 'luật', name: 'Xử lý vi phạm hành chính', number: '67/2020/QH14', adopted: '2020-11-13', effective: '2022-01-01', amends: true, note: 'the amending law, cited as "Luật Xử lý vi phạm hành chính 2020"' },
  { kind: 'luật', name: 'Xử lý vi phạm hành chính', number: '88/2025/QH15', amends: true, note: 'the amending law of 2025' },
  { kind: 'luật', name: 'Khiếu nại', number: '02/2011/QH13' },
  { kind: 'luật', name: 'Tố cáo', number: '03/2011/QH13', adopted: '2011-11-11', effective: '2012-07-01' },
  { kind: 'luật', name: 'Tố cáo', number: '25/2018/QH14' },
  { kind: 'luật', name: 'Thanh tra', number: '56/2010/QH12', adopted: '2010-11-15', effective: '2011-07-01' },
  { kind: 'luật', name: 'Thanh tra', number: '11/2022/QH15', adopted: '2022-11-14', effective: '2023-07-01' },
  { kind: 'luật', name: 'Thanh tra', number: '84/2025/QH15', effective: '2025-07-01' },
  { kind: 'luật', name: 'Phòng, chống tham nhũng', number: '55/2005/QH11', adopted: '2005-11-29', effective: '2006-06-01' },
  { kind: 'luật', name: 'Phòng, chống tham nhũng', number: '36/2018/QH14', adopted: '2018-11-20', effective: '2019-07-01' },
  { kind: 'luật', name: 'Lưu trữ', number: '01/2011/QH13', adopted: '2011-11-11', effective: '2012-07-01' },
  { kind: 'luật', name: 'Lưu trữ', number: '33/2024/QH15', effective: '2025-07-01' },
  { kind: 'luật', name: 'Trợ giúp pháp lý', number: '69/2006/QH11', adopted: '2006-06-29', effective: '2007-01-01' },
  { kind: 'luật', name: 'Giao dịch điện tử', number: '51/2005/QH11', adopted: '2005-11-29', effective: '2006-03-01' },
  { kind: 'luật', name: 'Giao dịch điện tử', number: '20/2023/QH15', adopted: '2023-06-22', effective: '2024-07-01' },
  { kind: 'luật', name: 'An ninh mạng', number: '24/2018/QH14', adopted: '2018-06-12', effective: '2019-01-01' },
  { kind: 'luật', name: 'Dữ liệu', number: '60/2024/QH15', adopted: '2024-11-30', effective: '2025-07-01' },
  { kind: 'luật', name: 'Bảo vệ dữ liệu cá nhân', number: '91/2025/QH15', adopted: '2025-06-26', effective: '2026-01-01' },
  { kind: 'luật', name: 'Bảo vệ bí mật nhà nước', number: '29/2018/QH14', adopted: '2018-11-15', effective: '2019-07-01' },
  { kind: 'luật', name: 'Cư trú', number: '81/2006/QH11', adopted: '2006-11-29', effective: '2007-07-01' },
  { kind: 'luật', name: 'Căn cước', number: '26/2023/QH15', adopted: '2023-11-27', effective: '2024-07-01' },
  { kind: 'luật', name: 'Căn cước công dân', number: '59/2014/QH13', adopted: '2014-11-20', effective: '2016-01-01' },
  { kind: 'luật', name: 'Nghĩa vụ quân sự', number: '78/2015/QH13' },
  { kind: 'luật', name: 'Bảo hiểm xã hội', number: '71/2006/QH11', adopted: '2006-06-29', effective: '2007-01-01', variants: ['BHXH'] },
  { kind: 'luật', name: 'Bảo hiểm xã hội', number: '58/2014/QH13', effective: '2016-01-01', variants: ['BHXH'] },
  { kind: 'luật', name: 'Bảo hiểm xã hội', number: '41/2024/QH15', effective: '2025-07-01', variants: ['BHXH'] },
  { kind: 'luật', name: 'Bảo hiểm y tế', number: '25/2008/QH12', variants: ['BHYT'] },
  { kind: 'luật', name: 'Việc làm', number: '38/2013/QH13' },
  { kind: 'luật', name: 'Việc làm', number: '74/2025/QH15', effective: '2026-01-01' },
  { kind: 'luật', name: 'Công đoàn', number: '12/2012/QH13', adopted: '2012-06-20', effective: '2013-01-01' },
  { kind: 'luật', name: 'Công đoàn', number: '50/2024/QH15', adopted: '2024-11-27', effective: '2025-07-01' },
  { kind: 'luật', name: 'Hôn nhân và gia đình', number: '22/2000/QH10', adopted: '2000-06-09', effective: '2001-01-01' },
  { kind: 'luật', name: 'Phòng, chống bạo lực gia đình', number: '02/2007/QH12', adopted: '2007-11-21', effective: '2008-07-01' },
  { kind: 'luật', name: 'Phòng, chống bạo lực gia đình', number: '13/2022/QH15', adopted: '2022-11-14', effective: '2023-07-01' },
  { kind: 'luật', name: 'Khám bệnh, chữa bệnh', number: '40/2009/QH12', effective: '2011-01-01' },
  { kind: 'luật', name: 'Khám bệnh, chữa bệnh', number: '15/2023/QH15', adopted: '2023-01-09', effective: '2024-01-01' },
  { kind: 'luật', name: 'Dược', number: '34/2005/QH11', adopted: '2005-06-14', effective: '2005-10-01' },
  { kind: 'luật', name: 'Doanh nghiệp', number: '60/2005/QH11', adopted: '2005-11-29', effective: '2006-07-01' },
  { kind: 'luật', name: 'Doanh nghiệp', number: '68/2014/QH13', effective: '2015-07-01' },
  { kind: 'luật', name: 'Đầu tư', number: '59/2005/QH11', effective: '2006-07-01' },
  { kind: 'luật', name: 'Đầu tư', number: '67/2014/QH13' },
  { kind: 'luật', name: 'Đầu tư', number: '61/2020/QH14', effective: '2021-01-01' },
  { kind: 'luật', name: 'Đầu tư', number: '143/2025/QH15', effective: '2026-03-01' },
  { kind: 'luật', name: 'Đầu tư theo phương thức đối tác công tư', number: '64/2020/QH14', adopted: '2020-06-18', effective: '2021-01-01', variants: ['PPP'] },
  { kind: 'luật', name: 'Quản lý thuế', number: '78/2006/QH11', effective: '2007-07-01' },
  { kind: 'luật', name: 'Thuế thu nhập doanh nghiệp', number: '67/2025/QH15', effective: '2025-10-01' },
  { kind: 'luật', name: 'Thuế giá trị gia tăng', number: '13/2008/QH12', adopted: '2008-06-03', effective: '2009-01-01' },
  { kind: 'luật', name: 'Thuế giá trị gia tăng', number: '48/2024/QH15', effective: '2025-07-01' },
  { kind: 'luật', name: 'Kế toán', number: '03/2003/QH11', adopted: '2003-06-17', effective: '2004-01-01' },
  { kind: 'luật', name: 'Hải quan', number: '29/2001/QH10', adopted: '2001-06-29', effective: '2002-01-01' },
  { kind: 'luật', name: 'Hải quan', number: '54/2014/QH13', effective: '2015-01-01' },
  { kind: 'luật', name: 'Chứng khoán', number: '70/2006/QH11', adopted: '2006-06-29', effective: '2007-01-01' },
  { kind: 'luật', name: 'Các tổ chức tín dụng', number: '47/2010/QH12', adopted: '2010-06-16', effective: '2011-01-01' },
  { kind: 'luật', name: 'Các tổ chức tín dụng', number: '32/2024/QH15', adopted: '2024-01-18', effective: '2024-07-01' },
  { kind: 'luật', name: 'Thương mại', number: '36/2005/QH11', adopted: '2005-06-14', effective: '2006-01-01' },
  { kind: 'luật', name: 'Sở hữu trí tuệ', number: '50/2005/QH11', effective: '2006-07-01' },
  { kind: 'luật', name: 'Kinh doanh bảo hiểm', number: '24/2000/QH10' },
  { kind: 'luật', name: 'Hợp tác xã', number: '18/2003/QH11', adopted: '2003-11-26', effective: '2004-07-01' },
  { kind: 'luật', name: 'Giá', number: '11/2012/QH13', adopted: '2012-06-20', effective: '2013-01-01' },
  { kind: 'luật', name: 'Giá', number: '16/2023/QH15', adopted: '2023-06-19', effective: '2024-07-01' },
  { kind: 'luật', name: 'Đất đai', number: '13/2003/QH11', adopted: '2003-11-26', effective: '2004-07-01' },
  { kind: 'luật', name: 'Đất đai', number: '45/2013/QH13', adopted: '2013-11-29', effective: '2014-07-01' },
  { kind: 'luật', name: 'Đất đai', number: '31/2024/QH15', adopted: '2024-01-18', effective: '2024-08-01' },
  { kind: 'luật', name: 'Xây dựng', number: '16/2003/QH11', adopted: '2003-11-26', effective: '2004-07-01' },
  { kind: 'luật', name: 'Xây dựng', number: '50/2014/QH13', adopted: '2014-06-18', effective: '2015-01-01' },
  { kind: 'luật', name: 'Nhà ở', number: '56/2005/QH11', adopted: '2005-11-29', effective: '2006-07-01' },
  { kind: 'luật', name: 'Nhà ở', number: '65/2014/QH13', adopted: '2014-11-25', effective: '2015-07-01' },
  { kind: 'luật', name: 'Nhà ở', number: '27/2023/QH15', effective: '2024-08-01' },
  { kind: 'luật', name: 'Kinh doanh bất động sản', number: '66/2014/QH13', adopted: '2014-11-25', effective: '2015-07-01' },
  { kind: 'luật', name: 'Kinh doanh bất động sản', number: '29/2023/QH15', adopted: '2023-11-28', effective: '2024-08-01' },
  { kind: 'luật', name: 'Quy hoạch', number: '21/2017/QH14', adopted: '2017-11-24', effective: '2019-01-01' },
  { kind: 'luật', name: 'Quy hoạch', number: '112/2025/QH15', note: 'dates not in the corpus' },
  { kind: 'luật', name: 'Bảo vệ môi trường', number: '52/2005/QH11', adopted: '2005-11-29', effective: '2006-07-01' },
  { kind: 'luật', name: 'Bảo vệ môi trường', number: '55/2014/QH13', adopted: '2014-06-23', effective: '2015-01-01' },
  { kind: 'luật', name: 'Bảo vệ môi trường', number: '72/2020/QH14', effective: '2022-01-01' },
  { kind: 'luật', name: 'Di sản văn hóa', number: '28/2001/QH10', adopted: '2001-06-29', effective: '2002-01-01' },
  { kind: 'luật', name: 'Di sản văn hóa', number: '45/2024/QH15', adopted: '2024-11-23', effective: '2025-07-01' },
  { kind: 'luật', name: 'Báo chí', number: '103/2016/QH13', adopted: '2016-04-05', effective: '2017-01-01' },
  { kind: 'luật', name: 'Du lịch', number: '44/2005/QH11', adopted: '2005-06-14', effective: '2006-01-01' },
  { kind: 'luật', name: 'Công an nhân dân', number: '73/2014/QH13', adopted: '2014-11-27', effective: '2015-07-01' },
  { kind: 'luật', name: 'Công an nhân dân', number: '37/2018/QH14', effective: '2019-07-01' },
  { kind: 'luật', name: 'Quốc phòng', number: '22/2018/QH14', adopted: '2018-06-08', effective: '2019-01-01' },
  { kind: 'luật', name: 'Giao thông đường bộ', number: '23/2008/QH12', adopted: '2008-11-13', effective: '2009-07-01' },
  { kind: 'luật', name: 'Đường bộ', number: '35/2024/QH15', adopted: '2024-06-27', effective: '2025-01-01' },
  { kind: 'luật', name: 'Điện lực', number: '28/2004/QH11', adopted: '2004-12-03', effective: '2005-07-01' },
  { kind: 'luật', name: 'Điện lực', number: '61/2024/QH15', effective: '2025-02-01' },
  { kind: 'luật', name: 'Công chứng', number: '53/2014/QH13', adopted: '2014-06-20', effective: '2015-01-01' },
  { kind: 'luật', name: 'Công chứng', number: '46/2024/QH15', adopted: '2024-11-26', effective: '2025-07-01' },
  { kind: 'luật', name: 'Luật sư', number: '65/2006/QH11' },
  { kind: 'luật', name: 'Hộ tịch', number: '60/2014/QH13', adopted: '2014-11-20', effective: '2016-01-01', note: 'cited by name in the issue ("Luật hộ tịch")' },
  { kind: 'luật', name: 'Người khuyết tật', number: '51/2010/QH12' },
  { kind: 'luật', name: 'Thể dục, thể thao', number: '77/2006/QH11' },
  { kind: 'luật', name: 'Phổ biến, giáo dục pháp luật', number: '14/2012/QH13' },
  { kind: 'luật', name: 'Bình đẳng giới', number: '73/2006/QH11' },
  { kind: 'luật', name: 'Khoa học, công nghệ và đổi mới sáng tạo', number: '93/2025/QH15', effective: '2025-10-01' },
  { kind: 'luật', name: 'Tổ chức Quốc hội', number: '30/2001/QH10', adopted: '2001-12-25', effective: '2002-01-01' },
  { kind: 'luật', name: 'Tổ chức Quốc hội', number: '57/2014/QH13' },
  { kind: 'luật', name: 'Tiếp cận thông tin', number: '104/2016/QH13' },
  { kind: 'luật', name: 'Điều ước quốc tế', number: '108/2016/QH13' },
  { kind: 'luật', name: 'Thực hiện dân chủ ở cơ sở', number: '10/2022/QH15', adopted: '2022-11-10', effective: '2023-07-01' },
  { kind: 'luật', name: 'Công nghệ thông tin', number: '67/2006/QH11' },
  { kind: 'luật', name: 'An toàn thông tin mạng', number: '86/2015/QH13' },
  { kind: 'luật', name: 'An ninh quốc gia', number: '32/2004/QH11' },
  { kind: 'luật', name: 'Dân quân tự vệ', number: '43/2009/QH12', adopted: '2009-11-23', effective: '2010-07-01' },
  { kind: 'luật', name: 'Người cao tuổi', number: '39/2009/QH12' },
  { kind: 'luật', name: 'An toàn, vệ sinh lao động', number: '84/2015/QH13' },
  { kind: 'luật', name: 'An toàn thực phẩm', number: '55/2010/QH12' },
  { kind: 'luật', name: 'Phí và lệ phí', number: '97/2015/QH13' },
  { kind: 'luật', name: 'Ngân hàng Nhà nước Việt Nam', number: '46/2010/QH12' },
  { kind: 'luật', name: 'Thống kê', number: '89/2015/QH13' },
  { kind: 'luật', name: 'Xuất bản', number: '19/2012/QH13' },
  { kind: 'luật', name: 'Thủy lợi', number: '08/2017/QH14', variants: ['Thuỷ lợi'] },
  { kind: 'luật', name: 'Thủy sản', number: '18/2017/QH14', variants: ['Thuỷ sản'] },
  { kind: 'luật', name: 'Lâm nghiệp', number: '16/2017/QH14' },
  { kind: 'luật', name: 'Chăn nuôi', number: '32/2018/QH14', adopted: '2018-11-19', effective: '2020-01-01' },
  { kind: 'luật', name: 'Trồng trọt', number: '31/2018/QH14', adopted: '2018-11-19', effective: '2020-01-01' },
  { kind: 'luật', name: 'Tài nguyên nước', number: '17/2012/QH13', adopted: '2012-06-21', effective: '2013-01-01' },
  { kind: 'luật', name: 'Tài nguyên nước', number: '28/2023/QH15', adopted: '2023-11-27', effective: '2024-07-01' },
  { kind: 'luật', name: 'Thanh niên', number: '57/2020/QH14' },
  { kind: 'luật', name: 'Tố tụng hành chính', number: '93/2015/QH13' },
  { kind: 'luật', name: 'Tiếp công dân', number: '42/2013/QH13' },
  { kind: 'luật', name: 'Quản lý, sử dụng tài sản công', number: '15/2017/QH14' },
  { kind: 'luật', name: 'Quản lý, sử dụng tài sản nhà nước', number: '09/2008/QH12', adopted: '2008-06-03', effective: '2009-01-01' },
  { kind: 'luật', name: 'Thuế thu nhập cá nhân', number: '04/2007/QH12' },
  { kind: 'luật', name: 'Thuế thu nhập doanh nghiệp', number: '14/2008/QH12' },
  { kind: 'luật', name: 'Quy hoạch đô thị và nông thôn', number: '47/2024/QH15', adopted: '2024-11-26', effective: '2025-07-01', note: 'vbpl-central cites "số 47/2024/QH15" six times; one citation misprints QH14' },
  { kind: 'pháp lệnh', name: 'Ngoại hối', number: '28/2005/PL-UBTVQH11', note: 'cited by name in the issue ("Pháp lệnh ngoại hối 2005")' },
];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'src/refs/laws.data.ts');
const check = process.argv.includes('--check');

const rows = new Map<string, Row>(); // by number
const nfc = (s: string) => s.normalize('NFC').replace(/\u00a0/g, ' ');
const iso = (d: string) => { const [dd, mm, yy] = d.split(/[/.-]/).map(Number); return `${yy}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`; };
const KIND_OF: Record<string, Kind> = { 'luật': 'luật', 'bộ luật': 'bộ luật', 'pháp lệnh': 'pháp lệnh', 'nghị quyết': 'nghị quyết', 'hiến pháp': 'hiến pháp' };

/** "Luật Thủy lợi" → "Thủy lợi"; "doanh nghiệp" → "Doanh nghiệp"; amending titles are kept whole. */
function cleanName(raw: string): string {
  let n = nfc(raw).replace(/\s+/g, ' ').trim().replace(/[.,;:]+$/, '');
  n = n.replace(/^(?:bộ luật|luật|luât|pháp lệnh)\s+/i, '');
  if (!n) return n;
  if (n === n.toUpperCase()) n = n.toLowerCase();
  return n[0].toUpperCase() + n.slice(1);
}
const isAmending = (name: string) => /^(?:về việc )?sửa đổi|^bổ sung|^về\b|^quy định|^thí điểm/i.test(name);

/** National Assembly terms (khóa IX–XVI) by the years they sat: a number whose year lies outside its term is a typo in the citing text ("47/2024/QH14"). */
const TERMS: Record<number, [number, number]> = { 9: [1992, 1997], 10: [1997, 2002], 11: [2002, 2007], 12: [2007, 2011], 13: [2011, 2016], 14: [2016, 2021], 15: [2021, 2026], 16: [2026, 2031] };
function termAgrees(number: string): boolean {
  const m = /^\d+\/(\d{4})\/(?:PL-|NQ-)?(?:UBTV)?QH(\d{1,2})$/.exec(number);
  if (!m || !TERMS[Number(m[2])]) return true;
  const [a, b] = TERMS[Number(m[2])];
  return Number(m[1]) >= a && Number(m[1]) <= b;
}

function add(kind: Kind, name: string, number: string, fact: { adopted?: string; effective?: string; replaces?: string; amends?: boolean; variants?: string[] }, source: string) {
  if (!termAgrees(number)) return;
  let r = rows.get(number);
  if (!r) { r = { kind, name, variants: [], number, sources: new Set() }; rows.set(number, r); }
  let used = false;
  if (name && !r.name) { r.name = name; used = true; }
  if (r.kind !== kind && kind === 'bộ luật') { r.kind = kind; used = true; }
  for (const v of fact.variants ?? []) if (!r.variants.includes(v) && v !== r.name) { r.variants.push(v); used = true; }
  for (const k of ['adopted', 'effective', 'replaces'] as const) if (fact[k] && !r[k]) { r[k] = fact[k]; used = true; }
  // "amends" only from a source that names this row's law (a record titled "Luật sửa đổi … của Luật X số N" is not N)
  if (fact.amends !== undefined && r.amends === undefined && (!name || name === r.name)) { r.amends = fact.amends; used = true; }
  if (used || !r.sources.size) r.sources.add(source);
}

const read = (f: string) => gunzipSync(readFileSync(path.join(corpusRoot, f))).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
for (const f of ['phapdien/articles.jsonl.gz', 'vbpl-central/docs.jsonl.gz']) {
  if (!existsSync(path.join(corpusRoot, f))) { console.error(`build:laws: ${path.join(corpusRoot, f)} not found; the table is built from the shared corpus.`); process.exit(2); }
}

// 1. Pháp điển source citations
const PD = /(Bộ luật|Luật|Pháp lệnh|Nghị quyết)\s+số\s*(\d+\s*\/\s*\d{4}\s*\/\s*(?:QH|UBTVQH|PL-UBTVQH|NQ-UBTVQH)\d{1,2})\s+([^,]*?)\s*ngày\s+(\d\d\/\d\d\/\d{4})\s+của\s+(Quốc hội|U[ỷỷ] ban [Tt]hường vụ Quốc hội)[^,]*,\s*có hiệu lực thi hành kể từ ngày\s+(\d\d\/\d\d\/\d{4})/u;
const phapdien = read('phapdien/articles.jsonl.gz');
for (const r of phapdien) {
  const m = PD.exec(nfc(String(r.source_citation ?? '')));
  if (!m) continue;
  const number = m[2].replace(/\s+/g, '');
  const name = cleanName(m[3]);
  if (!name || /^(?:số|ngày)\b/i.test(name)) continue;
  const kindWord = m[1].toLowerCase();
  const kind = KIND_OF[/^(?:bộ luật)/i.test(m[3]) ? 'bộ luật' : kindWord];
  add(kind, isAmending(name) ? name : name, number, { adopted: iso(m[4]), effective: iso(m[6]), amends: isAmending(name) || undefined }, `phapdien:${r.id}`);
}

// 2. The laws' own records in vbpl-central (Vietnamese)
const vbpl = read('vbpl-central/docs.jsonl.gz').filter((r) => r.lang === 'vi');
for (const r of vbpl) {
  const num = String(r.so_ky_hieu_guess ?? '');
  const kindWord = String(r.loai_van_ban_guess ?? '').toLowerCase();
  if (!/^\d+\/\d{4}\/(?:QH|UBTVQH)\d+$/.test(num) || !KIND_OF[kindWord]) continue;
  const title = nfc(String(r.title ?? '')).replace(/\s+/g, ' ');
  const tm = new RegExp(`^(?:Bộ luật|Luật|Pháp lệnh|Nghị quyết)\\s+(.*?)\\s+số\\s+${num.replace(/\//g, '\\/')}`, 'iu').exec(title);
  if (!tm || !title.toUpperCase().includes(num.toUpperCase())) continue;
  const name = cleanName(tm[1]);
  const ban = String(r.ngay_ban_hanh_guess ?? '');
  const eff = String(r.ngay_co_hieu_luc ?? '');
  add(KIND_OF[kindWord], name, num, {
    adopted: /^\d\d\/\d\d\/\d{4}$/.test(ban) ? iso(ban) : undefined,
    effective: /^\d\d\/\d\d\/\d{4}$/.test(eff) ? iso(eff) : undefined,
    amends: isAmending(name) || undefined,
  }, `record:${r.id}`);
}

// 3. Citations in corpus texts with name, number and date together
const congbao = existsSync(path.join(corpusRoot, 'congbao-8chude/docs.jsonl.gz')) ? read('congbao-8chude/docs.jsonl.gz') : [];
const TRIPLE = /(Bộ luật|Luật|Pháp lệnh)\s+([A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴa-zđ][^\n;:()0-9]{1,80}?)\s+số\s+(\d+\/\d{4}\/(?:QH|PL-UBTVQH|UBTVQH)\d{1,2})\s*,?\s*(?:được Quốc hội thông qua\s+)?ngày\s+(\d{1,2})\s*(?:tháng\s*|\/)(\d{1,2})\s*(?:,?\s*năm\s*|\/)(\d{4})/gu;
const REPEAL = /(Bộ luật|Luật|Pháp lệnh)\s+([^\n;:()0-9]{1,80}?)\s+số\s+(\d+\/\d{4}\/(?:QH|PL-UBTVQH|UBTVQH)\d{1,2})[^.;\n]{0,160}?hết hiệu lực(?: thi hành)? (?:kể )?từ ngày (?:Luật|Bộ luật|Pháp lệnh) này có hiệu lực/gu;
for (const r of [...vbpl, ...congbao]) {
  const text = nfc(String(r.text ?? ''));
  if (!text) continue;
  for (const m of text.matchAll(TRIPLE)) {
    const name = cleanName(m[2]);
    if (/\bsố\b|\bvà (?:Luật|Bộ luật)\b|,\s*(?:Luật|Nghị quyết)\b|sửa đổi/i.test(name) || name.length < 2) continue;
    const d = `${m[6]}-${m[5].padStart(2, '0')}-${m[4].padStart(2, '0')}`;
    if (Number(m[6]) !== Number(m[3].split('/')[1])) continue;
    add(KIND_OF[m[1].toLowerCase()], name, m[3], { adopted: d }, `cites:${r.id}`);
  }
  // the law's own "hiệu lực" article: the document replacing N is this one
  const own = String(r.so_ky_hieu_guess ?? r.so_hieu ?? '');
  if (!/\/(?:QH|UBTVQH)\d+$/.test(own)) continue;
  for (const m of text.matchAll(REPEAL)) {
    const name = cleanName(m[2]);
    if (m[3] === own || /sửa đổi/i.test(name)) continue;
    const ownRow = rows.get(own);
    if (ownRow && !ownRow.replaces && !ownRow.amends && cleanName(ownRow.name).toLowerCase() === name.toLowerCase()) {
      ownRow.replaces = m[3];
      ownRow.sources.add(`repeal:${r.id}`);
    }
  }
}

// 4. Curated
for (const c of CURATED) {
  add(c.kind, c.name, c.number, { adopted: c.adopted, effective: c.effective, amends: c.amends, variants: c.variants }, c.note ? `curated (${c.note})` : 'curated');
}

// 5. "replaces": the previous full version of the same name, when no text says so
const byName = new Map<string, Row[]>();
const nameKey = (r: Row) => `${r.kind === 'bộ luật' ? 'luật' : r.kind}|${r.name.toLowerCase().replace(/[\s,]+/g, ' ').replace(/thuỷ/g, 'thủy')}`;
for (const r of rows.values()) {
  if (!r.name && r.kind !== 'hiến pháp') continue;
  const k = nameKey(r);
  byName.set(k, [...(byName.get(k) ?? []), r]);
}
const yearOf = (r: Row) => r.adopted ?? `${r.number.split('/')[1] ?? r.number.slice(-4)}-12-31`;
for (const list of byName.values()) {
  const full = list.filter((r) => !r.amends).sort((a, b) => yearOf(a).localeCompare(yearOf(b)));
  for (let i = 1; i < full.length; i++) {
    if (!full[i].replaces) { full[i].replaces = full[i - 1].number; full[i].sources.add('inferred(replaces)'); }
  }
}

// write
const sorted = [...rows.values()].filter((r) => r.name || r.kind === 'hiến pháp')
  .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name, 'vi') || yearOf(a).localeCompare(yearOf(b)));
const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const lines = sorted.map((r) => {
  const parts = [`k: ${q(r.kind)}`, `name: ${q(r.name)}`, `number: ${q(r.number)}`];
  if (r.variants.length) parts.push(`variants: [${r.variants.map(q).join(', ')}]`);
  if (r.adopted) parts.push(`adopted: ${q(r.adopted)}`);
  if (r.effective) parts.push(`effective: ${q(r.effective)}`);
  if (r.replaces) parts.push(`replaces: ${q(r.replaces)}`);
  if (r.amends) parts.push('amends: true');
  parts.push(`source: ${q([...r.sources].join('; '))}`);
  return `  { ${parts.join(', ')} },`;
});
const body = `/**
 * GENERATED by scripts/build-laws.ts from ../shared/corpus (Pháp điển source citations, vbpl-central records
 * and citations, Công báo texts) and the curated rows in that script. Do not edit by hand: edit the script
 * and run \`npm run build:laws\`. Read through src/refs/laws.ts.
 *
 * One row per version: kind, name (without "Luật"), number, variants, adopted / effective dates (ISO),
 * the number it replaces, whether it only amends, and where each fact came from (see the script's header).
 */
import type { LawRow } from './laws.js';

export const LAW_ROWS: LawRow[] = [
${lines.join('\n')}
];
`;
const counts = { rows: sorted.length, phapdien: 0, record: 0, cites: 0, curatedOnly: 0, noDates: 0 };
for (const r of sorted) {
  const s = [...r.sources].join(' ');
  if (s.includes('phapdien:')) counts.phapdien++;
  if (s.includes('record:')) counts.record++;
  if (s.includes('cites:')) counts.cites++;
  if (!/phapdien:|record:|cites:/.test(s)) counts.curatedOnly++;
  if (!r.adopted) counts.noDates++;
}
if (check) {
  const now = existsSync(out) ? readFileSync(out, 'utf8') : '';
  if (now !== body) { console.error('build:laws --check: src/refs/laws.data.ts differs from what the sources give; run npm run build:laws'); process.exit(1); }
  console.log('build:laws --check: up to date', counts);
} else {
  writeFileSync(out, body);
  console.log(`wrote ${path.relative(root, out)}:`, counts);
}
